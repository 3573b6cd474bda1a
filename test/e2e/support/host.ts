import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { test } from '@playwright/test'

const BIN = join(import.meta.dirname, '../../../bin/visavis.js')

export interface ServedHost {
  url: string
  libraryDir: string
  stop(): Promise<void>
  /** Stops the server and starts it again on the same user data and library, as a user quitting and coming back. */
  restart(): Promise<ServedHost>
}

export interface ServeOptions {
  /** Runs on the fresh user data folder before the server starts, e.g. to install models. */
  prepare?: (userDataDir: string) => Promise<void>
  env?: NodeJS.ProcessEnv
}

/** What serves a library translated by Apertium into English, the engine that needs no download. */
export const APERTIUM_TO_ENGLISH = ['--engine', 'apertium', '--to', 'en']

/**
 * Serves a fresh library before each test of the file, and stops it after. The host returned is always the
 * current test's (its `restart` keeps it so).
 */
export function serveForEachTest(extraArgs = APERTIUM_TO_ENGLISH): ServedHost {
  let current: ServedHost | undefined
  test.beforeEach(async () => {
    current = await serveFreshLibrary(extraArgs)
  })
  test.afterEach(async () => {
    await current?.stop()
    current = undefined
  })
  const served = () => {
    if (!current) throw new Error('the host is served only while a test runs')
    return current
  }
  const host: ServedHost = {
    get url() {
      return served().url
    },
    get libraryDir() {
      return served().libraryDir
    },
    stop: () => served().stop(),
    restart: async () => {
      current = await served().restart()
      return host
    },
  }
  return host
}

/** Starts `visavis serve` as a user would, on a fresh library, and reads the URL it prints. */
export async function serveFreshLibrary(extraArgs: string[] = [], { prepare, env }: ServeOptions = {}): Promise<ServedHost> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'visavis-e2e-'))
  await prepare?.(userDataDir)
  return serve(userDataDir, extraArgs, env)
}

async function serve(userDataDir: string, extraArgs: string[], env: NodeJS.ProcessEnv | undefined): Promise<ServedHost> {
  const child = spawn('node', [BIN, 'serve', '--user-data', userDataDir, '--json', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  })
  const url = await readUrl(child)
  const exit = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return {
    url,
    libraryDir: join(userDataDir, 'library'),
    stop: async () => {
      await exit()
      await rm(userDataDir, { recursive: true, force: true })
    },
    restart: async () => {
      await exit()
      return serve(userDataDir, extraArgs, env)
    },
  }
}

function readUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /"url": "([^"]+)"/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`visavis serve exited with ${code}: ${err}`)))
  })
}
