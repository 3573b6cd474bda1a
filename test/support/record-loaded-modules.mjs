// `node --import <this file>`: appends the URL of every module the process loads to $VISAVIS_LOADED_MODULES, one a
// line. Module hooks run on their own thread; each URL is written there as it loads, so none is lost at exit.
import { register } from 'node:module'

const hooks = `
import { appendFileSync } from 'node:fs'
export async function load(url, context, nextLoad) {
  appendFileSync(${JSON.stringify(process.env.VISAVIS_LOADED_MODULES)}, url + '\\n')
  return nextLoad(url, context)
}
`
register(`data:text/javascript,${encodeURIComponent(hooks)}`)
