// A stand-in for one Apertium stage in null-flush mode, for testing the process chain: it answers each
// NUL-terminated request with the same text upper-cased, exits on "CRASH", never answers "HANG", and answers "SLOW"
// after the number of milliseconds that follows it (as a stage loading its data would).
let buffer = ''
let served = 0
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => {
  buffer += chunk
  let end
  while ((end = buffer.indexOf('\0')) >= 0) {
    const request = buffer.slice(0, end)
    buffer = buffer.slice(end + 1)
    if (request.includes('CRASH')) process.exit(3)
    if (request.includes('HANG')) continue
    served++
    const answer = `${request.toUpperCase()} #${process.pid}:${served}\0`
    const delay = Number(/SLOW(\d+)/.exec(request)?.[1] ?? 0)
    if (delay > 0) setTimeout(() => process.stdout.write(answer), delay)
    else process.stdout.write(answer)
  }
})
