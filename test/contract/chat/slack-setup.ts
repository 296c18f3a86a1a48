import { rmSync } from 'node:fs';
import type { Running } from '../../../src/main.js';
import type { SlackUserRef } from '../../fixtures/slack.js';
import { startApp, startServices, type Services } from '../../support/app-harness.js';
import { USERS } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';
import { rulesSection } from './autonomy-rules.js';
import { PEOPLE, type ContractSetup, type Person } from './chat-driver.js';
import type { PeopleById } from './slack-neutral.js';
import { overHttp, type SlackTransport } from './slack-transports.js';

export const ESCALATION_CHANNEL = 'C0ESCALATE';

/** The contract's people as members of the fake workspace. */
export const SLACK_PEOPLE: Record<Person, SlackUserRef> = {
  alice: USERS.alice,
  bob: USERS.bob,
  carol: { id: 'U0CAROL01', username: 'carol', name: 'Carol Diaz' },
  dana: { id: 'U0DANA001', username: 'dana', name: 'Dana Okafor' },
  erin: { id: 'U0ERIN001', username: 'erin', name: 'Erin Walsh' },
  gwen: { id: 'U0GWEN001', username: 'gwen', name: 'Gwen Guest' },
  xavi: { id: 'U0XAVI001', username: 'xavi', name: 'Xavi Partner' },
};
export const PEOPLE_BY_ID: PeopleById = new Map(PEOPLE.map((person) => [SLACK_PEOPLE[person].id, person]));

/** The playbook sections a setup asks for, with the contract's people as Slack user ids. */
const playbookFor = (setup: ContractSetup): Record<string, unknown> => {
  const sections: Record<string, unknown> = { ...rulesSection(setup) };
  if (setup.team) {
    const members = Object.entries(setup.team.members).map(([person, role]) => [SLACK_PEOPLE[person as Person].id, role]);
    sections.team = { roles: setup.team.roles, members: { slack: Object.fromEntries(members) } };
  }
  if (setup.escalation) {
    const { ladder, thenDm } = setup.escalation;
    sections.escalation = { ladder, ...(thenDm ? { then_dm: SLACK_PEOPLE[thenDm].id } : {}) };
  }
  if (setup.graduation) sections.graduation = setup.graduation;
  return sections;
};

export interface SlackWorld {
  services: Services;
  app: Running;
  transport: SlackTransport;
  close: () => Promise<void>;
}

/** This setup's own services (database, Redis prefix, fake Graph and Slack) and the app, Slack on over the transport. */
export const startSlackWorld = async (setup: ContractSetup, transport: SlackTransport = overHttp()): Promise<SlackWorld> => {
  const services = await startServices();
  services.slack.addUser({ id: SLACK_PEOPLE.gwen.id, name: SLACK_PEOPLE.gwen.username, is_restricted: true });
  services.slack.addUser({ id: SLACK_PEOPLE.xavi.id, name: SLACK_PEOPLE.xavi.username, is_stranger: true, team_id: 'T0PARTNER' });
  const sections = playbookFor(setup);
  const playbook = Object.keys(sections).length > 0 ? writeTestPlaybook(sections) : undefined;
  const removePlaybook = () => playbook && rmSync(playbook, { force: true });
  const env: Record<string, string> = {
    ...(await transport.prepare(services)),
    SLACK_ESCALATION_CHANNEL: ESCALATION_CHANNEL,
    SLACK_ESCALATION_MENTION: `<@${SLACK_PEOPLE[setup.onCall].id}>`,
    ...(playbook ? { SWITCHBOARD_PLAYBOOK: playbook } : {}),
  };
  let app: Running;
  try {
    app = await startApp(services, { env });
  } catch (error) {
    await transport.close();
    await services.close();
    removePlaybook();
    throw error;
  }
  return {
    services,
    app,
    transport,
    close: async () => {
      await app.stop();
      await transport.close();
      await services.close();
      removePlaybook();
    },
  };
};
