/**
 * The shared chat contract: every command-center scenario, written once against `ChatDriver`
 * (chat-driver.ts) and run against every chat transport, as hono runs one router suite per router.
 *
 * A transport joins by writing a driver and a one-line runner:
 *   1. `test/contract/chat/<transport>-driver.ts` exports a `MakeDriver`: given a `ContractSetup`,
 *      it starts the fakes and the app (test/support/app-harness.ts, the playbook written from the
 *      setup with the contract's people mapped to accounts of its chat), and returns a driver that
 *      speaks only the transport's wire: signed requests in; the fake chat's recorded state out,
 *      translated to the neutral views (button names of CARD_BUTTONS, mentions as `@alice`).
 *   2. `test/contract/chat/<transport>.test.ts`: `runChatContract('<Transport>', make<Transport>Driver)`.
 * Scenarios never see a chat type; a scenario a transport cannot pass is a bug in the app or the driver.
 * The driver starts its own services (database, Redis prefix, fakes), so each runner is an isolated file.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { AUTONOMY_RULES } from './autonomy-rules.js';
import { stopScenarios, undoScenarios } from './autonomy-scenarios.js';
import { cardButtonScenarios } from './card-button-scenarios.js';
import type { ChatDriver, ContractSetup, MakeDriver } from './chat-driver.js';
import { commandScenarios } from './command-scenarios.js';
import { editScenarios } from './edit-scenarios.js';
import { escalateScenarios, ladderScenarios } from './escalation-scenarios.js';
import { bindingScenarios } from './binding-scenarios.js';
import { doublePressScenarios, refusalScenarios } from './press-race-scenarios.js';
import { stormScenarios } from './storm-scenarios.js';
import { promotionScenarios } from './promotion-scenarios.js';

/**
 * One world for every scenario: a lead, an agent who may not block or escalate, someone with no
 * role (so every press goes through the transport's mapping of people to roles), and a ladder
 * short enough to run in a test.
 */
const SETUP: ContractSetup = {
  onCall: 'dana',
  team: {
    roles: {
      agent: [
        'approve',
        'edit',
        'claim',
        'hide',
        'unhide',
        'tag_lead',
        'booked',
        'converted',
        'resolve',
        'acknowledge',
        'stop',
        'undo',
        'reports',
      ],
      lead: ['all'],
    },
    members: { alice: 'lead', bob: 'agent' },
  },
  // The gap between the rungs leaves time to acknowledge after the first one on a busy machine.
  escalation: { ladder: ['1s', '4s'], thenDm: 'erin' },
  // Rules at veto and auto for Stop and Undo; their keywords are not in any other scenario's comments.
  rules: AUTONOMY_RULES,
  // Two drafts approved unchanged earn a rule its promotion suggestion (Promote / Not now).
  graduation: { min_drafts: 2 },
};

/** A driver for the tests of the enclosing describe, started before them and closed after. */
const useDriver = (makeDriver: MakeDriver, setup: ContractSetup): (() => ChatDriver) => {
  let driver: ChatDriver | undefined;
  beforeAll(async () => {
    driver = await makeDriver(setup);
  });
  afterAll(async () => {
    await driver?.close();
  });
  return () => {
    if (!driver) throw new Error('the chat driver did not start; see the beforeAll error above');
    return driver;
  };
};

export const runChatContract = (transport: string, makeDriver: MakeDriver): void => {
  describe(`chat contract: ${transport}`, () => {
    const use = useDriver(makeDriver, SETUP);
    cardButtonScenarios(use);
    editScenarios(use);
    escalateScenarios(use, SETUP);
    doublePressScenarios(use);
    refusalScenarios(use);
    bindingScenarios(use);
    commandScenarios(use);
    ladderScenarios(use, SETUP);
    stopScenarios(use);
    undoScenarios(use);
    stormScenarios(use);
    promotionScenarios(use);
  });
};
