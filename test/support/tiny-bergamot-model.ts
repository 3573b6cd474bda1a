import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Writes a tiny but real Bergamot model folder, laid out like Firefox Translations' "fren": a Marian transformer in
 * Marian's binary format (`model.fren.bin`, float32, seeded random weights, its architecture in the embedded
 * `special:model.yml`), a binary lexical shortlist (`lex.50.50.fren.s2t.bin`) and the SentencePiece vocabulary
 * committed beside this project's fixtures (`vocab.fren.spm`). It translates into nonsense, through every real step
 * of the WASM engine. Formats as marian-dev reads them: src/common/binary.cpp, src/data/shortlist.cpp.
 */

export const TINY_MODEL_FILES = {
  model: 'model.fren.bin',
  lex: 'lex.50.50.fren.s2t.bin',
  vocab: 'vocab.fren.spm',
} as const

export const TINY_VOCAB_PATH = join(import.meta.dirname, '../fixtures/bergamot-tiny/vocab.fren.spm')

/** intgemm multiplies only when the inner dimension is a multiple of 64 and the outer one a multiple of 8. */
const DIM_EMB = 64
const DIM_FFN = 128
const HEADS = 4
/** Marian's ids in the vocabulary (trained with --eos_id=0 --unk_id=1). */
const EOS_ID = 0
const UNK_ID = 1
const SHORTLIST_FIRST = 50
const SHORTLIST_BEST = 50
const TARGETS_PER_SOURCE_WORD = 12
/** Random weights let the target's own embeddings drown the source out; a louder cross-attention makes it count. */
const CONTEXT_GAIN = 4
const OUTPUT_BIAS_SCALE = 0.1

export async function writeTinyBergamotModel(outDir: string, seed = 20_240_601): Promise<void> {
  await mkdir(outDir, { recursive: true })
  await copyFile(TINY_VOCAB_PATH, join(outDir, TINY_MODEL_FILES.vocab))
  const vocabSize = countSentencePieces(await readFile(TINY_VOCAB_PATH))
  const random = seededRandom(seed)
  await writeFile(join(outDir, TINY_MODEL_FILES.model), marianBinary([...transformerParameters(vocabSize, random), modelYaml(vocabSize)]))
  await writeFile(join(outDir, TINY_MODEL_FILES.lex), binaryShortlist(vocabSize, random))
}

// --- Marian's binary model format -------------------------------------------------------------------------------

const BINARY_FILE_VERSION = 1n
const TYPE_INT8 = 0x0100 + 1
const TYPE_FLOAT32 = 0x0400 + 4
const ALIGNMENT = 256

interface Item {
  name: string
  type: number
  shape: number[]
  bytes: Buffer
}

/**
 * Version, headers (name length with its NUL, type, shape length, data length), the names, the shapes as int32, an
 * offset and zeros up to the next 256-byte boundary, then the data of each item in turn.
 */
function marianBinary(items: Item[]): Buffer {
  const headers = items.map((item) =>
    uint64s(BigInt(Buffer.byteLength(item.name) + 1), BigInt(item.type), BigInt(item.shape.length), BigInt(item.bytes.length)),
  )
  const names = items.map((item) => Buffer.from(`${item.name}\0`))
  const shapes = items.map((item) => Buffer.from(Int32Array.from(item.shape).buffer))
  const head = Buffer.concat([uint64s(BINARY_FILE_VERSION, BigInt(items.length)), ...headers, ...names, ...shapes])
  const offset = (Math.floor((head.length + 8) / ALIGNMENT) + 1) * ALIGNMENT - head.length - 8
  return Buffer.concat([head, uint64s(BigInt(offset)), Buffer.alloc(offset), ...items.map((item) => item.bytes)])
}

function floatItem(name: string, shape: number[], values: Float32Array): Item {
  const bytes = Buffer.alloc(Math.ceil(values.byteLength / ALIGNMENT) * ALIGNMENT)
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(bytes)
  return { name, type: TYPE_FLOAT32, shape, bytes }
}

/** The architecture, as Marian embeds its training config: a NUL-terminated YAML text. */
function modelYaml(vocabSize: number): Item {
  const yaml = [
    'type: transformer',
    `dim-vocabs: [${vocabSize}, ${vocabSize}]`,
    `vocabs: [${TINY_MODEL_FILES.vocab}, ${TINY_MODEL_FILES.vocab}]`,
    `dim-emb: ${DIM_EMB}`,
    'enc-depth: 1',
    'dec-depth: 1',
    `transformer-heads: ${HEADS}`,
    `transformer-dim-ffn: ${DIM_FFN}`,
    'transformer-ffn-depth: 2',
    'transformer-ffn-activation: relu',
    'transformer-decoder-autoreg: self-attention',
    'transformer-preprocess: ""',
    'transformer-postprocess: dan',
    'transformer-postprocess-emb: d',
    'transformer-postprocess-top: ""',
    'transformer-train-positions: false',
    'tied-embeddings-all: true',
    'tied-embeddings: true',
    'tied-embeddings-src: false',
    'output-omit-bias: false',
    '',
  ].join('\n')
  const bytes = Buffer.from(`${yaml}\0`)
  return { name: 'special:model.yml', type: TYPE_INT8, shape: [bytes.length], bytes }
}

// --- The transformer's parameters, named as marian-dev's src/models/transformer.h asks for them ---------------------

type Random = () => number

function transformerParameters(vocabSize: number, random: Random): Item[] {
  return [
    floatItem('Wemb', [vocabSize, DIM_EMB], uniform(vocabSize * DIM_EMB, Math.sqrt(3 / DIM_EMB), random)),
    ...attention('encoder_l1_self', random),
    ...feedForward('encoder_l1_ffn', random),
    ...attention('decoder_l1_self', random),
    ...attention('decoder_l1_context', random, CONTEXT_GAIN),
    ...feedForward('decoder_l1_ffn', random),
    floatItem('decoder_ff_logit_out_b', [1, vocabSize], outputBias(vocabSize, random)),
  ]
}

/** Multi-head attention, then its output's skip connection and layer norm ("dan"). */
function attention(prefix: string, random: Random, gain = 1): Item[] {
  const projections = ['q', 'k', 'v', 'o'].flatMap((part) => [
    dense(`${prefix}_W${part}`, DIM_EMB, DIM_EMB, random, gain),
    zeros(`${prefix}_b${part}`, [1, DIM_EMB]),
  ])
  return [...projections, ...layerNorm(`${prefix}_Wo`)]
}

function feedForward(prefix: string, random: Random): Item[] {
  return [
    dense(`${prefix}_W1`, DIM_EMB, DIM_FFN, random),
    zeros(`${prefix}_b1`, [1, DIM_FFN]),
    dense(`${prefix}_W2`, DIM_FFN, DIM_EMB, random),
    zeros(`${prefix}_b2`, [1, DIM_EMB]),
    ...layerNorm(`${prefix}_ffn`),
  ]
}

function layerNorm(prefix: string): Item[] {
  return [floatItem(`${prefix}_ln_scale`, [1, DIM_EMB], new Float32Array(DIM_EMB).fill(1)), zeros(`${prefix}_ln_bias`, [1, DIM_EMB])]
}

/** Glorot-uniform, as Marian initialises these matrices. */
function dense(name: string, rows: number, columns: number, random: Random, gain = 1): Item {
  return floatItem(name, [rows, columns], uniform(rows * columns, gain * Math.sqrt(6 / (rows + columns)), random))
}

function zeros(name: string, shape: number[]): Item {
  return floatItem(name, shape, new Float32Array(shape.reduce((product, size) => product * size, 1)))
}

/**
 * Random weights would end a sentence at any step, even the first (an empty translation), or choose `<unk>`: the
 * bias rules both out, so each sentence ends at the length cap (the worker's max-length-factor, twice the source).
 */
function outputBias(vocabSize: number, random: Random): Float32Array {
  const bias = uniform(vocabSize, OUTPUT_BIAS_SCALE, random)
  bias[EOS_ID] = -100
  bias[UNK_ID] = -100
  return bias
}

function uniform(count: number, limit: number, random: Random): Float32Array {
  return Float32Array.from({ length: count }, () => (random() * 2 - 1) * limit)
}

// --- Marian's binary lexical shortlist ------------------------------------------------------------------------------

const SHORTLIST_MAGIC = 0xf11a48d5013417f5n

/**
 * Header (magic, checksum, firstNum, bestNum, lengths), then for each source word the offset of its targets, then
 * the targets, sorted per word. The checksum is Marian's hashMem over everything after magic and checksum.
 */
function binaryShortlist(vocabSize: number, random: Random): Buffer {
  const targets = Array.from({ length: vocabSize }, () => randomTargets(vocabSize, random))
  const offsets = [0]
  for (const list of targets) offsets.push(offsets.at(-1)! + list.length)
  const body = Buffer.concat([
    uint64s(BigInt(SHORTLIST_FIRST), BigInt(SHORTLIST_BEST), BigInt(offsets.length), BigInt(offsets.at(-1)!)),
    uint64s(...offsets.map(BigInt)),
    Buffer.from(Uint32Array.from(targets.flat()).buffer),
  ])
  return Buffer.concat([uint64s(SHORTLIST_MAGIC, shortlistChecksum(body)), body])
}

function randomTargets(vocabSize: number, random: Random): number[] {
  const chosen = new Set<number>()
  while (chosen.size < TARGETS_PER_SOURCE_WORD) chosen.add(2 + Math.floor(random() * (vocabSize - 2)))
  return [...chosen].sort((a, b) => a - b)
}

/** util::hashMem<uint64_t, uint64_t> with std::hash<uint64_t> the identity, as in the Linux builds that write these. */
function shortlistChecksum(body: Buffer): bigint {
  const mask = (1n << 64n) - 1n
  let seed = 0n
  for (let at = 0; at + 8 <= body.length; at += 8) {
    seed ^= (body.readBigUInt64LE(at) + 0x9e3779b9n + ((seed << 6n) & mask) + (seed >> 2n)) & mask
  }
  return seed
}

// --- Helpers ----------------------------------------------------------------------------------------------------

function uint64s(...values: bigint[]): Buffer {
  const buffer = Buffer.alloc(values.length * 8)
  values.forEach((value, index) => buffer.writeBigUInt64LE(value, index * 8))
  return buffer
}

/** How many pieces a SentencePiece model holds: the repeated field 1 of its ModelProto. */
function countSentencePieces(model: Buffer): number {
  let count = 0
  let at = 0
  const varint = () => {
    let value = 0
    for (let shift = 0; ; shift += 7) {
      const byte = model[at++]!
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
    }
  }
  while (at < model.length) {
    const key = varint()
    const wireType = key & 7
    if (wireType === 0) varint()
    else if (wireType === 2) {
      const length = varint()
      at += length
    } else if (wireType === 5) at += 4
    else if (wireType === 1) at += 8
    else throw new Error(`Unexpected protobuf wire type ${wireType} in the SentencePiece model`)
    if (key >>> 3 === 1) count += 1
  }
  return count
}

/** mulberry32: small, fast and the same on every machine. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * The models the real-engine tests import: those at VISAVIS_BERGAMOT_MODELS when it is set (real ones, e.g.
 * Firefox's "fren" folder), else a tiny model generated into a folder from `makeDir`.
 */
export async function realModelsSource(makeDir: () => Promise<string>): Promise<string> {
  const given = process.env.VISAVIS_BERGAMOT_MODELS
  if (given) return given
  const dir = join(await makeDir(), 'fren')
  await writeTinyBergamotModel(dir)
  return dir
}
