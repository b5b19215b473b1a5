// The emulator's own errors: a stable code, a one-line message and, where one helps, a hint. The
// emulator stands alone (no imports from core/ or cli/); cli/ maps these to its output and exit codes.
// Errors the emulated API answers with are a different thing: see api-error.ts.

export type EmulatorErrorCode =
  | 'EMULATOR_SEED_UNREADABLE'
  | 'EMULATOR_SEED_INVALID'
  | 'EMULATOR_STATE_INVALID'
  | 'EMULATOR_LOCKED'
  | 'EMULATOR_ADMIN_REQUEST';

export class EmulatorError extends Error {
  /** Stable: users grep for it and tests assert it. */
  readonly code: EmulatorErrorCode;
  /** One line that helps the user fix it, where one helps. */
  readonly hint?: string;
  constructor(code: EmulatorErrorCode, message: string, options: { hint?: string } = {}) {
    super(message);
    this.name = 'EmulatorError';
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** A seed file that cannot be read, or a seed document the emulator cannot apply. */
export class EmulatorSeedError extends EmulatorError {
  constructor(message: string, options: { unreadable?: boolean } = {}) {
    super(options.unreadable ? 'EMULATOR_SEED_UNREADABLE' : 'EMULATOR_SEED_INVALID', message);
    this.name = 'EmulatorSeedError';
  }
}

/** A state file that cannot be used: corrupt, foreign, or from a newer version. */
export class EmulatorStateError extends EmulatorError {
  readonly file: string;
  constructor(file: string, problem: string, hint = 'delete the file to start the emulator from an empty (or seeded) state') {
    super('EMULATOR_STATE_INVALID', `${file}: ${problem}`, { hint });
    this.name = 'EmulatorStateError';
    this.file = file;
  }
}

/** Another process holds the project's embedded emulator for longer than we may wait. */
export class EmulatorLockError extends EmulatorError {
  constructor(lockFile: string, pid: number | undefined) {
    super('EMULATOR_LOCKED', `${lockFile}: the local emulator is in use by another process${pid ? ` (pid ${pid})` : ''}`, {
      hint: 'wait for the other stageform command to finish, or remove the lock file if that process is gone',
    });
    this.name = 'EmulatorLockError';
  }
}

/** A control call (admin API, `local admin`, tests) the world cannot carry out: no such stage, a negative duration... */
export class EmulatorAdminError extends EmulatorError {
  constructor(message: string) {
    super('EMULATOR_ADMIN_REQUEST', message);
    this.name = 'EmulatorAdminError';
  }
}
