// The `kube-preview` command (bundled as dist/cli.js): parse arguments, run `lint` or `simulate`, and map
// every failure to an exit code (DESIGN.md): usage and I/O errors are 2, never a stack trace.
import { parseArgs, helpText, UsageError, type ParseContext } from './args';
import { InputError } from './files';
import { processIO, type CliIO } from './io';
import { packageVersion } from './locate';
import { runLint } from './lint-command';
import { runSimulate } from './simulate-command';
import { SUPPORTED_VERSIONS } from '../validation/schema/fs-loader';
import { PRESETS } from '../cluster/presets';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const ctx: ParseContext = { supportedVersions: SUPPORTED_VERSIONS, presets: PRESETS };
  if (argv.length === 0) {
    // No command is a usage error: the help goes to stderr so scripts notice.
    io.err(helpText(null, ctx));
    return EXIT_USAGE;
  }
  try {
    const args = parseArgs(argv, ctx);
    switch (args.command) {
      case 'help':
        io.out(helpText(args.topic, ctx));
        return EXIT_OK;
      case 'version':
        io.out(`kube-preview ${packageVersion()}\n`);
        return EXIT_OK;
      case 'lint':
        return await runLint(args, io);
      case 'simulate':
        return await runSimulate(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kube-preview: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof InputError) {
      io.err(`kube-preview: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // A bug, not the user's fault: say so briefly, keep the trace for reports.
    io.err(`kube-preview: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT_USAGE;
  }
}

if (require.main === module) {
  // `kube-preview lint | head` closes stdout early: that is not an error worth a trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code;
  });
}
