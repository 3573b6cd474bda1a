import { type ChildProcess, spawn } from 'node:child_process'
import { constants, setPriority } from 'node:os'

import { ApiError } from '../../../api/errors'

export interface Stage {
  program: string
  args: string[]
}

/**
 * Reads a pair's mode file (`modes/fra-cat.mode`: a shell pipeline of Apertium programs) into its stages, each in
 * null-flush mode (`-z`), so one long-lived process per stage answers request after request. `$1` is the
 * unknown-word marking the `apertium` script passes (`-g`), `$2` its tagger option (none).
 */
export function parseModeFile(text: string): Stage[] {
  return text
    .trim()
    .split(/\s*\|\s*/)
    .map((command) => {
      const words = (command.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'))
      const [program, ...args] = words.map((word) => (word === '$1' ? '-g' : word)).filter((word) => word !== '$2')
      if (!program) throw new Error(`Empty stage in mode file: "${text}"`)
      return { program, args: ['-z', ...args] }
    })
}

/** Requests written ahead of their answers, so the stages work in parallel as in a shell pipeline. */
const MAX_IN_FLIGHT = 4
/** How long a fresh chain may take to load its programs' data before its first answer. */
export const STARTUP_TIMEOUT_MS = 120_000

interface Pending {
  input: string
  resolve: (output: string) => void
  reject: (error: Error) => void
}

const NUL = '\u0000'

/**
 * The stages of one Apertium pair as a chain of long-lived processes (stdout of one into stdin of the next).
 * Requests end in NUL and are answered in order; a few are in flight at once so every stage has work. A crashed or
 * hung chain is killed, and started again for the next request.
 */
export class ApertiumPipeline {
  private processes: ChildProcess[] = []
  private queue: Pending[] = []
  private inFlight: Pending[] = []
  private output = ''
  private timer: NodeJS.Timeout | undefined
  /** No answer has come since the chain started: its programs may still be loading their data. */
  private starting = false

  constructor(
    readonly name: string,
    private readonly stages: Stage[],
    private readonly timeoutMs = 30_000,
  ) {}

  /** Translates one request; concurrent requests are answered in the order they came. */
  run(input: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input: input.replaceAll(NUL, ' '), resolve, reject })
      this.next()
    })
  }

  close(): void {
    const error = new ApiError('engine_unavailable', 'Apertium was stopped.')
    for (const pending of this.queue.splice(0)) pending.reject(error)
    this.fail(error)
  }

  private next(): void {
    while (this.inFlight.length < MAX_IN_FLIGHT && this.queue.length > 0) {
      const pending = this.queue.shift()!
      try {
        if (this.processes.length === 0) this.start()
      } catch (error) {
        pending.reject(error as Error)
        continue
      }
      if (this.inFlight.length === 0) this.armTimeout()
      this.inFlight.push(pending)
      this.processes[0]!.stdin!.write(pending.input + NUL)
    }
  }

  /**
   * The oldest request in flight must be answered within the timeout; a chain's first answer may take longer, as
   * its programs load their data (seconds each on a busy machine).
   */
  private armTimeout(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(
      () => this.fail(new ApiError('engine_unavailable', `Apertium (${this.name}) stopped answering; it was restarted.`)),
      this.starting ? Math.max(this.timeoutMs, STARTUP_TIMEOUT_MS) : this.timeoutMs,
    )
  }

  private start(): void {
    let previous: ChildProcess | null = null
    for (const { program, args } of this.stages) {
      const child: ChildProcess = spawn(program, args, { stdio: [previous ? previous.stdout! : 'pipe', 'pipe', 'pipe'] })
      runBehindTheApp(child)
      child.on('error', (error) => this.fail(new ApiError('engine_unavailable', `Apertium's ${program} could not run: ${error.message}`)))
      child.on('exit', (code, signal) => this.onExit(child, program, code, signal))
      child.stderr!.on('data', () => undefined) // stages report warnings on stderr; keep the pipe drained
      child.stdin?.on('error', () => undefined) // a dead stage closes its stdin; the exit handler reports it
      this.processes.push(child)
      previous = child
    }
    this.starting = true
    const last = this.processes.at(-1)!
    last.stdout!.setEncoding('utf8')
    last.stdout!.on('data', (chunk: string) => this.onOutput(chunk))
  }

  private onOutput(chunk: string): void {
    this.output += chunk
    let end: number
    while ((end = this.output.indexOf(NUL)) >= 0 && this.inFlight.length > 0) {
      const answer = this.output.slice(0, end)
      this.output = this.output.slice(end + 1)
      this.starting = false
      this.inFlight.shift()!.resolve(answer)
      if (this.inFlight.length > 0) this.armTimeout()
      else clearTimeout(this.timer)
    }
    this.next()
  }

  private onExit(child: ChildProcess, program: string, code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.processes.includes(child)) return
    this.fail(new ApiError('engine_unavailable', `Apertium's ${program} stopped (${signal ?? `exit code ${code}`}); it will be restarted.`))
  }

  /** Kills the chain and fails the requests in flight; queued requests run on a fresh chain. */
  private fail(error: Error): void {
    clearTimeout(this.timer)
    const processes = this.processes
    this.processes = []
    this.output = ''
    for (const child of processes) child.kill('SIGKILL')
    for (const failed of this.inFlight.splice(0)) failed.reject(error)
    if (this.queue.length > 0) setImmediate(() => this.next())
  }
}

/**
 * The stages run at the lowest priority (niceness 19): translating a long article keeps a small machine's cores busy,
 * and the window comes first. At niceness 10 a 2-core machine still dropped frames while the reader scrolled.
 */
function runBehindTheApp(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) setPriority(child.pid, constants.priority.PRIORITY_LOW)
  } catch {
    // A system that refuses leaves the stage at the app's priority: slower windows, same translations.
  }
}
