import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { methodNames } from '../../main/api/contract'
import { runCli } from '../../main/cli/cli'
import type { CliIo } from '../../main/cli/command-context'
import { commands } from '../../main/cli/commands'
import { optionName, optionUsage } from '../../main/cli/options'
import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { useTempDirs } from '../support/temp-dir'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function fakeIo(stdin = '', interrupted: Promise<void> = Promise.resolve()): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => Buffer.from(stdin),
    untilInterrupted: () => interrupted,
  }
}

async function cli(args: string[], stdin?: string): Promise<Run> {
  const io = fakeIo(stdin)
  const code = await runCli(args, io, { staticDir: '/nonexistent' })
  return { code, stdout: io.out.join(''), stderr: io.err.join('') }
}

/** An article id of the right shape, for commands refused before they look it up. */
const ID = '655375c7b11e8d18'

describe('visavis CLI', () => {
  const tempDir = useTempDirs()

  it('imports the sample, lists it and shows it as JSON', async () => {
    const library = join(await tempDir(), 'lib')
    const imported = await cli(['import', SEED_PATH, '--library', library, '--json'])
    expect(imported).toMatchObject({ code: 0, stderr: '' })
    const { status, article } = JSON.parse(imported.stdout)
    expect(status).toBe('imported')

    const listed = await cli(['list', '--library', library, '--json'])
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: article.id, title: SEED_TITLE })])

    const shown = JSON.parse((await cli(['show', article.id, '--library', library, '--json'])).stdout)
    expect(shown).toMatchObject({ title: SEED_TITLE, publishedAt: '2018-06-08T10:20:25', lang: 'fr' })
    expect(shown.paragraphs).toHaveLength(16)
    expect(shown.paragraphs[0]).toMatchObject({ id: 'p1', text: expect.stringMatching(/^Le président chinois/) })
  })

  it('prints no escape sequence a page put in its title or text, and keeps none in the title', async () => {
    const dir = await tempDir()
    const library = join(dir, 'lib')
    // Character references pass the importer's check for binary files, and come out as the characters themselves.
    const hostile = '&#x1b;]52;c;cm0gLXJmIH4=&#x07;&#x1b;[2J&#x1b;[31mTitre piégé&#x07;'
    const body = 'Un texte &#x1b;[31mrouge&#x1b;[0m avec assez de mots pour faire un article, et une deuxième phrase.'
    const page = join(dir, 'page.html')
    await writeFile(
      page,
      `<html><head><title>${hostile}</title></head><body><article><h1>${hostile}</h1><p>${body}</p><p>${body}</p></article></body></html>`,
    )
    const outputs = [
      await cli(['import', page, '--library', library]),
      await cli(['list', '--library', library]),
      await cli(['search', 'texte', '--library', library]),
    ]
    const { id } = JSON.parse((await cli(['list', '--library', library, '--json'])).stdout)[0]
    outputs.push(await cli(['show', id, '--library', library]))
    for (const { code, stdout, stderr } of outputs) {
      expect(code).toBe(0)
      // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
      expect(stdout + stderr).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/)
    }
    expect(outputs[1]!.stdout).toContain('Titre piégé')
    expect(JSON.parse((await cli(['show', id, '--library', library, '--json'])).stdout).title).toBe('Titre piégé')
  })

  it('says when an article is already in the library', async () => {
    const library = await tempDir()
    await cli(['import', SEED_PATH, '--library', library])
    const again = await cli(['import', SEED_PATH, '--library', library])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/^Already in the library: “La Chine/)
    expect(JSON.parse((await cli(['list', '--library', library, '--json'])).stdout)).toHaveLength(1)
  })

  it('imports a folder of notes without its licence or change log, and names what is not in French', async () => {
    const folder = await tempDir()
    await writeFile(
      join(folder, 'README.md'),
      '# Field notes\n\nThese are the notes I took while reading the French press this winter, with links to the articles.\n',
    )
    await writeFile(
      join(folder, 'LICENSE'),
      'Permission is hereby granted, free of charge, to any person obtaining a copy of this software.\n',
    )
    await writeFile(join(folder, 'CHANGELOG.md'), '# Changes\n\n- First version of the notes, with the articles of the winter.\n')
    await writeFile(
      join(folder, 'jardins.md'),
      '# Les jardins\n\nDepuis deux ans, douze jardins partagés ont ouvert dans le quartier, selon la mairie.\n',
    )
    const library = join(await tempDir(), 'lib')
    const run = await cli(['import', folder, '--library', library])
    expect(run.stdout).toBe('Imported 2, already in the library 0, failed 0.\nNot in French: README.md (en).\n')
    const titles = JSON.parse((await cli(['list', '--library', library, '--json'])).stdout).map((a: { title: string }) => a.title)
    expect(titles.sort()).toEqual(['Field notes', 'Les jardins'])
  })

  it('says so when the same text comes again under another title, and keeps the first', async () => {
    const library = await tempDir()
    const body = '\n\nUn texte importé deux fois, sous deux titres différents.'
    await cli(['import', '-', '--library', library], `Premier titre${body}`)
    const again = await cli(['import', '-', '--library', library, '--json'], `Titre corrigé${body}`)
    expect(JSON.parse(again.stdout)).toMatchObject({
      status: 'duplicate',
      article: { title: 'Premier titre' },
      importedTitle: 'Titre corrigé',
    })
    const said = await cli(['import', '-', '--library', library], `Titre corrigé${body}`)
    expect(said.stdout).toMatch(/Already in the library: “Premier titre” .* This copy's title, “Titre corrigé”, was not used\.\n$/)
    expect((await cli(['import', '-', '--library', library, '--json'], `Premier titre${body}`)).stdout).not.toContain('importedTitle')
  })

  it('bookmarks a paragraph, listed with the bookmarks and not with the notes', async () => {
    const library = join(await tempDir(), 'lib')
    const { article } = JSON.parse((await cli(['import', SEED_PATH, '--library', library, '--json'])).stdout)
    expect(await cli(['bookmark', 'add', article.id, '--paragraph', '5', '--library', library])).toMatchObject({ code: 0, stderr: '' })
    const bookmarks = JSON.parse((await cli(['bookmark', 'list', article.id, '--library', library, '--json'])).stdout)
    expect(bookmarks).toEqual([expect.objectContaining({ kind: 'bookmark', paragraphId: 'p5' })])
    expect((await cli(['note', 'list', article.id, '--library', library])).stdout).toBe('No notes in this article.\n')
  })

  it('finds the sample with search developpement --json', async () => {
    const library = await tempDir()
    const { article } = JSON.parse((await cli(['import', SEED_PATH, '--library', library, '--json'])).stdout)
    const hits = JSON.parse((await cli(['search', 'developpement', '--library', library, '--json'])).stdout)
    expect(hits).toEqual([expect.objectContaining({ id: article.id, title: SEED_TITLE })])
    expect((await cli(['search', 'developpement', '--library', library])).stdout).toMatch(/\[développement\]/)
  })

  it('imports standard input with -', async () => {
    const library = await tempDir()
    const run = await cli(['import', '-', '--library', library, '--json'], 'Un titre\n\nUn texte collé depuis le terminal.')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).article.title).toBe('Un titre')
  })

  it('counts in words that agree with the number: one paragraph, not "1 paragraphs"', async () => {
    const library = await tempDir()
    const run = await cli(['import', '-', '--library', library], 'Un titre\n\nUn texte collé depuis le terminal.')
    expect(run.stdout).toMatch(/: 1 paragraph, 6 words, language fr\.\n$/)
  })

  describe('bad input: one-line error, non-zero exit, library untouched', () => {
    async function expectRefused(args: (dir: string) => Promise<string[]>, message: RegExp) {
      const dir = await tempDir()
      const library = join(dir, 'library')
      const commandLine = [...(await args(dir)), '--library', library]
      const before = await readdir(dir)
      const run = await cli(commandLine)
      expect(run.code).not.toBe(0)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(message)
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(await readdir(dir)).toEqual(before)
    }

    it('a missing file', () => expectRefused(async (dir) => ['import', join(dir, 'missing.txt')], /missing\.txt: no such file/))
    it('an empty file', () =>
      expectRefused(async (dir) => {
        await writeFile(join(dir, 'empty.txt'), '')
        return ['import', join(dir, 'empty.txt')]
      }, /empty\.txt is empty/))
    it('a binary file', () =>
      expectRefused(async (dir) => {
        await writeFile(join(dir, 'photo.txt'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]))
        return ['import', join(dir, 'photo.txt')]
      }, /photo\.txt is not a text file/))
    it('a file over 20 MB', () =>
      expectRefused(async (dir) => {
        await writeFile(join(dir, 'huge.txt'), Buffer.alloc(21 * 1024 * 1024, 'a'))
        return ['import', join(dir, 'huge.txt')]
      }, /huge\.txt is over 20 MB/))
    it('a page with no article in it', () =>
      expectRefused(async (dir) => {
        await writeFile(join(dir, 'broken.html'), '<html><body><div><p><span>Menu</div></p></table><script>var x = 1')
        return ['import', join(dir, 'broken.html')]
      }, /broken\.html: no article text was found/))
    it('a folder with nothing to import', () => expectRefused(async (dir) => ['import', dir], /holds no \.txt, \.md or \.html file/))
  })

  it('refuses a --library that is a file and leaves the file as it was', async () => {
    const file = join(await tempDir(), 'notes.txt')
    await writeFile(file, 'my notes')
    const run = await cli(['import', SEED_PATH, '--library', file])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/notes\.txt is a file, not a folder/)
    expect(await readFile(file, 'utf8')).toBe('my notes')
  })

  it('prints help with exit 0, and a usage error with exit 2', async () => {
    expect(await cli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: visavis') })
    expect(await cli(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command') })
    expect(await cli(['list', '--frobnicate'])).toMatchObject({ code: 2 })
    expect(await cli(['show'])).toMatchObject({ code: 2, stderr: expect.stringContaining('show needs an article id') })
    expect(await cli(['note'])).toMatchObject({ code: 2, stderr: 'visavis: note needs one of: add, list; see visavis note --help\n' })
    expect(await cli(['note', '--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^ {2}note add <id>.*\n {2}note list <id>/ms),
    })
    expect(await cli(['export', ID, '--library', await tempDir()])).toMatchObject({
      code: 2,
      stderr: 'visavis: export needs --format md|json|csv|anki\n',
    })
  })

  describe('the help is made from the command table', () => {
    it('visavis --help lists every command', async () => {
      const { code, stdout } = await cli(['--help'])
      expect(code).toBe(0)
      for (const command of commands) expect(stdout).toContain(`\n  ${command.usage}`)
    })

    for (const command of commands) {
      it(`visavis ${command.name} --help shows its usage and exactly its options`, async () => {
        const { code, stdout } = await cli([...command.name.split(' '), '--help'])
        expect(code).toBe(0)
        expect(stdout.split('\n')[0]).toBe(`Usage: visavis ${command.usage} [options]`)
        const listed = [...stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1])
        expect(listed).toEqual(Object.keys(command.options).map(optionName))
        for (const [name, declaration] of Object.entries(command.options)) expect(stdout).toContain(optionUsage(name, declaration))
      })
    }
  })

  describe('an option a command does not take is refused, naming both, before anything opens', () => {
    const everyOption = [...new Set(commands.flatMap((command) => Object.keys(command.options).map(optionName))), '--frobnicate']
    for (const command of commands) {
      const notTaken = everyOption.filter((option) => !Object.keys(command.options).map(optionName).includes(option))
      it(`visavis ${command.name}: each of the ${notTaken.length} options it does not take`, async () => {
        const library = join(await tempDir(), 'library')
        for (const option of notTaken) {
          expect(await cli([...command.name.split(' '), option, 'x', '--library', library])).toEqual({
            code: 2,
            stdout: '',
            stderr: `visavis: ${command.name} takes no ${option}; see visavis ${command.name} --help\n`,
          })
        }
        expect(existsSync(library)).toBe(false)
      })
    }
  })

  describe("a bad option value is told in the command line's words", () => {
    /** The contract's method names that are not also command names: an error must never show one. */
    async function methodNamesNotCommands(): Promise<RegExp> {
      const help = (await cli(['--help'])).stdout
      const names = methodNames.filter((name) => !new RegExp(`^  (visavis )?${name}\\b`, 'm').test(help))
      return new RegExp(`\\b(${names.join('|')})\\b`)
    }
    const cases: [args: string[], message: string][] = [
      [['export', ID, '--format', 'pdf'], '--format must be one of: md, json, csv, anki'],
      [['export', ID, '--format', 'csv', '--delimiter', '|'], '--delimiter must be one of: ",", ";", tab'],
      [['translate', ID, '--engine', 'deepl'], '--engine must be one of: bergamot, apertium, libretranslate'],
      [['serve', '--engine', 'deepl'], '--engine must be one of: bergamot, apertium, libretranslate'],
      [['note', 'add', ID, '--paragraph', '1', '--text', 'x', '--side', 'left'], '--side must be one of: original, translation'],
      [
        ['note', 'add', ID, '--paragraph', '1', '--text', 'x', '--color', 'red'],
        '--color must be one of: yellow, green, blue, pink, purple',
      ],
      [['note', 'add', ID, '--paragraph', 'two', '--text', 'x'], '--paragraph must be a whole number from 1 to 999999'],
      [['bookmark', 'add', ID, '--paragraph', '0'], '--paragraph must be a whole number from 1 to 999999'],
      [['retranslate', ID, '--paragraph', '1', '--sentence', '1.5'], '--sentence must be a whole number from 1 to 999999'],
      [['serve', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
      [['translate', ID, '--to', 'english'], '--to: a language is a two- or three-letter code such as "en"'],
      [['glossary', 'add', 'rêve', 'dream', '--from', 'french'], '--from: a language is a two- or three-letter code such as "en"'],
      [['note', 'add', 'not-an-id', '--paragraph', '1', '--text', 'x'], 'the article id: an article id is 16 hexadecimal characters'],
      [['show', 'not-an-id'], 'show needs an article id: 16 letters and digits (0-9, a-f), as visavis list prints it'],
      [['search', ' '], 'the search words: the query is empty'],
      [['models', 'download', 'Fr En'], 'the model name: a model name such as "fren"'],
    ]
    for (const [args, message] of cases) {
      it(`visavis ${args.join(' ')}`, async () => {
        const run = await cli([...args, '--library', await tempDir()])
        expect(run).toMatchObject({ code: 2, stdout: '' })
        expect(run.stderr).toBe(`visavis: ${message}\n`)
        expect(run.stderr).not.toMatch(await methodNamesNotCommands())
      })
    }
  })

  it('serve prints a URL on 127.0.0.1 with a token and stops when interrupted', async () => {
    let interrupt!: () => void
    const io = fakeIo('', new Promise((resolve) => (interrupt = resolve)))
    const done = runCli(['serve', '--library', await tempDir(), '--json'], io, { staticDir: await tempDir() })
    await expect.poll(() => io.out.join('')).toContain('token=')
    const { url } = JSON.parse(io.out.join(''))
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
    const unauthorised = await fetch(new URL('/api/listArticles', url), { method: 'POST' })
    expect(unauthorised.status).toBe(401)
    interrupt()
    expect(await done).toBe(0)
  })
})

const execFileAsync = promisify(execFile)
const BIN = join(import.meta.dirname, '../../bin/visavis.js')

describe('the built visavis bin', () => {
  const tempDir = useTempDirs()

  it('is built (npm run build) before the tests run', () => {
    expect(existsSync(join(import.meta.dirname, '../../out/main/cli.js'))).toBe(true)
  })

  it.each(['--help', 'note add --help'])('README shows visavis %s as it is', async (command) => {
    const env = { ...process.env, HOME: '/home/you', XDG_CONFIG_HOME: '' }
    const { stdout } = await execFileAsync('node', [BIN, ...command.split(' ')], { env })
    expect(await readFile(join(import.meta.dirname, '../../README.md'), 'utf8')).toContain(`\`\`\`text\n${stdout}\`\`\``)
  })

  it('imports and lists from a real process, with exit codes', async () => {
    const library = await tempDir()
    const imported = await execFileAsync('node', [BIN, 'import', SEED_PATH, '--library', library, '--json'])
    const { article } = JSON.parse(imported.stdout)
    const listed = await execFileAsync('node', [BIN, 'list', '--library', library, '--json'])
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: article.id, title: SEED_TITLE })])
    expect((await stat(join(library, 'articles', article.id, 'article.json'))).isFile()).toBe(true)

    const failed = await execFileAsync('node', [BIN, 'import', join(library, 'nope.txt'), '--library', library]).catch(
      (e: { code: number; stderr: string }) => e,
    )
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^visavis: .*nope\.txt: no such file or folder\.\n$/) })
  })
})
