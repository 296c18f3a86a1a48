// The reset rule lives in the domain so source adapters can name their quota's reset too.
export { dailyResetAt } from '../domain/daily-reset.js';
