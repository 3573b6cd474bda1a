import { z } from 'zod'

// zod probes whether it may compile validators with Function(), which the renderer's CSP forbids (and logs as a
// violation); the renderer never validates, so it tells zod not to try.
z.config({ jitless: true })
