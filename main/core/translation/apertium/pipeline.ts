import { spawn, type ChildProcess } from 'node:child_process'
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

interface Pending {
  input: string
  resolve: (output: string) => void
  reject: (error: Error) => void
}

const NUL = '\u0000'

/**
 * The stages of one Apertium pair as a chain of long-lived processes (stdout of one into stdin of the next).
 * Requests go one at a time, each ending in NUL; a crashed or hung chain is killed and started again for the
 * next request.
 */
export class ApertiumPipeline {
  private processes: ChildProcess[] = []
  private queue: Pending[] = []
  private current: Pending | null = null
  private output = ''
  private timer: NodeJS.Timeout | undefined

  constructor(
    readonly name: string,
    private readonly stages: Stage[],
    private readonly timeoutMs = 30_000,
  ) {}

  /** Translates one request; concurrent calls wait their turn. */
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
    if (this.current || this.queue.length === 0) return
    const pending = this.queue.shift()!
    try {
      if (this.processes.length === 0) this.start()
    } catch (error) {
      pending.reject(error as Error)
      return this.next()
    }
    this.current = pending
    this.output = ''
    this.timer = setTimeout(
      () => this.fail(new ApiError('engine_unavailable', `Apertium (${this.name}) stopped answering; it was restarted.`)),
      this.timeoutMs,
    )
    this.processes[0]!.stdin!.write(pending.input + NUL)
  }

  private start(): void {
    let previous: ChildProcess | null = null
    for (const { program, args } of this.stages) {
      const child: ChildProcess = spawn(program, args, { stdio: [previous ? previous.stdout! : 'pipe', 'pipe', 'pipe'] })
      child.on('error', (error) => this.fail(new ApiError('engine_unavailable', `Apertium's ${program} could not run: ${error.message}`)))
      child.on('exit', (code, signal) => this.onExit(child, program, code, signal))
      child.stderr!.on('data', () => undefined) // stages report warnings on stderr; keep the pipe drained
      child.stdin?.on('error', () => undefined) // a dead stage closes its stdin; the exit handler reports it
      this.processes.push(child)
      previous = child
    }
    const last = this.processes.at(-1)!
    last.stdout!.setEncoding('utf8')
    last.stdout!.on('data', (chunk: string) => this.onOutput(chunk))
  }

  private onOutput(chunk: string): void {
    this.output += chunk
    const end = this.output.indexOf(NUL)
    if (end < 0 || !this.current) return
    const answer = this.output.slice(0, end)
    this.output = this.output.slice(end + 1)
    clearTimeout(this.timer)
    const done = this.current
    this.current = null
    done.resolve(answer)
    this.next()
  }

  private onExit(child: ChildProcess, program: string, code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.processes.includes(child)) return
    this.fail(new ApiError('engine_unavailable', `Apertium's ${program} stopped (${signal ?? `exit code ${code}`}); it will be restarted.`))
  }

  /** Kills the chain and fails the request in flight; queued requests run on a fresh chain. */
  private fail(error: Error): void {
    clearTimeout(this.timer)
    const processes = this.processes
    this.processes = []
    for (const child of processes) child.kill('SIGKILL')
    const failed = this.current
    this.current = null
    failed?.reject(error)
    if (this.queue.length > 0) setImmediate(() => this.next())
  }
}
