import type { MayPress, PermissionAnswer, Presser } from '../domain/press.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';

/** Arguments are short (a period); anything longer is cut so the audit log stays readable. */
const ARGS_CHARS = 200;

/**
 * Reports carry per-person figures and costs: a command runs only with the `reports` permission,
 * and both runs and refusals are audited with who asked and with which arguments.
 */
export const authorizeCommand = async (
  db: Db,
  mayPress: MayPress,
  who: Presser,
  command: { name: string; args: string },
): Promise<PermissionAnswer> => {
  const permission = await mayPress(who, 'reports');
  const detail = {
    args: command.args.slice(0, ARGS_CHARS),
    workspace: who.workspace ?? null,
    ...(permission.ok ? {} : { reason: permission.reason }),
  };
  await writeAudit(db, [
    {
      actor: who.actor,
      action: `${permission.ok ? 'ran' : 'refused'}:/${command.name}`,
      subjectType: 'command',
      subjectId: command.name,
      detail,
    },
  ]);
  return permission;
};
