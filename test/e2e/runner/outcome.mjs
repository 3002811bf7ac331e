// Counting results and bounding every wait.

/** Rejects with `message` if `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${message} (timed out after ${Math.round(ms / 1000)} s)`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Mocha's spec reporter closing lines: "N passing (…)", "N failing", "N pending". */
export function mochaCounts(lines) {
  const count = (word) => {
    for (const line of lines) {
      const match = new RegExp(`^\\s*(\\d+) ${word}\\b`).exec(line);
      if (match) return Number(match[1]);
    }
    return 0;
  };
  return { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
}

/** Runs named checks in order; a failing check is recorded and the next one still runs unless `stopOnFailure`. */
export class Checks {
  results = [];

  async run(name, check, { stopOnFailure = false } = {}) {
    const started = Date.now();
    try {
      await check();
      this.results.push({ name, ok: true });
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (error) {
      this.results.push({ name, ok: false, error });
      console.log(
        `  ✘ ${name}\n      ${String(error?.stack ?? error)
          .split('\n')
          .join('\n      ')}`,
      );
      if (stopOnFailure) throw new StoppedError(name);
      return false;
    }
  }

  get counts() {
    const passed = this.results.filter((r) => r.ok).length;
    return { passed, failed: this.results.length - passed, skipped: 0 };
  }
}

export class StoppedError extends Error {
  constructor(name) {
    super(`stopped after the failed check "${name}"`);
  }
}
