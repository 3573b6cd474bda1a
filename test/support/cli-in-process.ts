import { type CliIo, runCli } from '../../main/cli/cli'

/** Runs the CLI in this process, with no standard input, its output and exit code gathered. */
export async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => Buffer.alloc(0),
    untilInterrupted: () => Promise.resolve(),
  }
  const code = await runCli(args, io, { staticDir: '/nonexistent' })
  return { code, stdout: out.join(''), stderr: err.join('') }
}
