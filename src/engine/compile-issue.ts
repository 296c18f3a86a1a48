/** A playbook problem found while compiling, located by its path in the YAML document. */
export class CompileIssue extends Error {
  constructor(
    readonly path: readonly (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'CompileIssue';
  }
}
