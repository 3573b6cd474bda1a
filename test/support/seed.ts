import { fileURLToPath } from 'node:url'

/** The sample article the product started from (outside the project, in the shared folder). */
export const SEED_PATH = fileURLToPath(new URL('../../../shared/seeds/000_7838cbda7f5bb796.txt', import.meta.url))
export const SEED_TITLE = 'La Chine et le Kazakhstan conviennent de travailler ensemble pour le renouveau national'
