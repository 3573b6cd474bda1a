/**
 * Hostile articles for the reader: pages whose markup would, if any of it ran or loaded, set `window.__pwned` or
 * call a loopback "canary" server the test runs. Each vector names itself in the canary URL (`?v=…`), so a request
 * that arrives says which one got through. Between the traps sit real French paragraphs the reader must show as text.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Canary {
  /** `http://127.0.0.1:<port>`. */
  origin: string
  /** Every request it received, as `METHOD /path?query`. */
  requests: string[]
  close(): Promise<void>
}

/** A server that records every request and answers with something that would set `__pwned` if it were run. */
export async function startCanary(): Promise<Canary> {
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`)
    const path = request.url ?? ''
    const type = path.includes('.css') ? 'text/css' : path.includes('.js') ? 'text/javascript' : 'text/html'
    response.writeHead(200, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' })
    response.end(type === 'text/css' ? 'body { background: red }' : type === 'text/javascript' ? 'window.__pwned = true' : PWN_HTML)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const PWN_HTML = '<!doctype html><script>try { top.__pwned = true } catch {} window.__pwned = true</script>'

export interface HostilePage {
  fileName: string
  content: string
  /** The article's title as the library should list it. */
  title: string
  /** Text the reader must show in the original pane, as text (some of it looks like markup). */
  shownText: string[]
}

/** The pages, aimed at the canary at `origin`. */
export function hostilePages(origin: string): HostilePage[] {
  const c = (vector: string, file = 'pwned') => `${origin}/${file}?v=${vector}`
  return [
    {
      fileName: 'piege-scripts.html',
      title: 'Le marché des Lices à Rennes',
      shownText: [
        'Le marché des Lices ouvre chaque samedi matin sur la place',
        'Les habitants viennent tôt pour trouver les meilleures galettes',
        'cliquez ici pour lire la suite',
        'La mairie prévoit d’agrandir la halle l’année prochaine',
      ],
      content: `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Le marché des Lices à Rennes</title>
<base href="${c('base-href')}/">
<meta http-equiv="refresh" content="1; url=${c('meta-refresh')}">
<link rel="stylesheet" href="${c('link-stylesheet', 'pwned.css')}">
<link rel="preload" as="script" href="${c('link-preload', 'pwned.js')}">
<link rel="prefetch" href="${c('link-prefetch')}">
<link rel="icon" href="${c('link-icon')}">
<style>@import url("${c('style-import', 'pwned.css')}"); body { background: url("${c('style-background')}"); }</style>
<script>window.__pwned = true</script>
<script src="${c('script-src', 'pwned.js')}"></script>
<script type="module">import "${c('script-module', 'pwned.js')}"; window.__pwned = true</script>
</head>
<body onload="window.__pwned = true" background="${c('body-background')}">
<article>
<h1>Le marché des Lices à Rennes</h1>
<p>Le marché des Lices ouvre chaque samedi matin sur la place, et les producteurs de la région y vendent leurs légumes, leurs fromages et leurs fleurs.<script>window.__pwned = true</script></p>
<p onmouseover="window.__pwned = true" onclick="window.__pwned = true" style="background-image: url('${c('inline-style')}')">Les habitants viennent tôt pour trouver les meilleures galettes, puis ils boivent un café au comptoir d’un bistrot voisin.</p>
<iframe src="${c('iframe-src')}"></iframe>
<iframe srcdoc="&lt;script&gt;parent.__pwned = true&lt;/script&gt;&lt;img src=&quot;${c('iframe-srcdoc')}&quot;&gt;"></iframe>
<object data="${c('object-data')}" type="text/html"></object>
<embed src="${c('embed-src')}" type="text/html">
<p>Pour en savoir plus, <a href="javascript:window.__pwned = true">cliquez ici pour lire la suite</a> de cet article consacré au marché et à ses marchands.</p>
<form action="${c('form-action')}" method="post"><input type="text" name="q" value="x" autofocus onfocus="window.__pwned = true"><input type="submit" value="Envoyer" formaction="${c('formaction')}"><button formaction="javascript:window.__pwned = true">Valider</button></form>
<p>La mairie prévoit d’agrandir la halle l’année prochaine afin d’accueillir davantage de marchands venus de toute la Bretagne.</p>
</article>
</body>
</html>`,
    },
    {
      fileName: 'piege-medias.html',
      title: 'La forêt de Brocéliande au printemps',
      shownText: [
        'Au printemps, la forêt de Brocéliande attire des promeneurs venus de loin',
        'Les guides racontent les légendes du roi Arthur',
        'Le soir, les familles rentrent au village',
      ],
      content: `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>La forêt de Brocéliande au printemps</title></head>
<body>
<article>
<h1>La forêt de Brocéliande au printemps</h1>
<p>Au printemps, la forêt de Brocéliande attire des promeneurs venus de loin pour marcher sous les chênes et admirer les étangs.</p>
<img src="${c('img-src')}" onerror="window.__pwned = true" alt="une photo">
<img src="x" onerror="window.__pwned = true; new Image().src = '${c('img-onerror')}'">
<img srcset="${c('img-srcset')} 1x, ${c('img-srcset-2x')} 2x" alt="">
<picture><source srcset="${c('picture-source')}"><img src="${c('picture-img')}" alt=""></picture>
<video poster="${c('video-poster')}" src="${c('video-src')}" autoplay onloadstart="window.__pwned = true"></video>
<audio src="${c('audio-src')}" autoplay></audio>
<p>Les guides racontent les légendes du roi Arthur et de la fée Viviane aux enfants qui écoutent, assis sur les racines.</p>
<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned = true"><script>window.__pwned = true</script><image href="${c('svg-image')}" width="10" height="10"/><use href="${c('svg-use')}#x"/><a href="javascript:window.__pwned = true"><text x="0" y="10">un lien piégé</text></a></svg>
<div style="background: url('${c('div-style')}')"><input type="image" src="${c('input-image')}"></div>
<table background="${c('table-background')}"><tr><td>cellule</td></tr></table>
<a href="${c('a-ping')}" ping="${c('ping')}">un lien</a>
<noscript><p title="</noscript><img src=x onerror=window.__pwned=true>">texte caché</p></noscript>
<math><maction actiontype="statusline" xlink:href="javascript:window.__pwned = true">formule</maction></math>
<p>Le soir, les familles rentrent au village et dînent de crêpes en parlant des arbres centenaires qu’elles ont vus.</p>
</article>
</body>
</html>`,
    },
    {
      fileName: 'piege-echappe.html',
      title: 'Le code dans les journaux',
      shownText: [
        '<script>window.__pwned = true</script>',
        `<img src="${c('escaped-img')}" onerror="window.__pwned = true">`,
        'Un article sur la sécurité des sites montre souvent du code comme',
      ],
      content: `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Le code dans les journaux</title></head>
<body>
<article>
<h1>Le code dans les journaux</h1>
<p>Un article sur la sécurité des sites montre souvent du code comme &lt;script&gt;window.__pwned = true&lt;/script&gt; que le lecteur doit afficher tel quel.</p>
<p>Une image piégée s’écrit ainsi : &lt;img src=&quot;${c('escaped-img')}&quot; onerror=&quot;window.__pwned = true&quot;&gt; et elle ne doit jamais se charger.</p>
<p>Les journalistes expliquent ensuite comment les navigateurs protègent leurs lecteurs contre ces attaques.</p>
</article>
</body>
</html>`,
    },
    {
      fileName: 'piege-texte.txt',
      title: 'Une lettre <b>piégée</b>',
      shownText: [
        `<script src="${c('text-script', 'pwned.js')}"></script>`,
        `<iframe src="${c('text-iframe')}"></iframe>`,
        'Chère lectrice, cette lettre contient des balises que personne ne doit exécuter.',
      ],
      content: [
        'Une lettre <b>piégée</b>',
        '',
        'Chère lectrice, cette lettre contient des balises que personne ne doit exécuter.',
        '',
        `Voici une balise : <script src="${c('text-script', 'pwned.js')}"></script> et elle reste du texte.`,
        '',
        `Et un cadre : <iframe src="${c('text-iframe')}"></iframe> qui ne doit pas s’ouvrir.`,
        '',
        `<img src=x onerror="window.__pwned = true; fetch('${c('text-fetch')}')"> <svg onload="window.__pwned = true">`,
      ].join('\n'),
    },
    {
      fileName: 'piege-notes.md',
      title: 'Des notes en Markdown',
      // Read as Markdown: the javascript: link keeps its words and loses its address, the image gives its description.
      shownText: ['avec un lien que personne ne doit suivre.', 'Et une image, une image, qui ne doit pas se charger'],
      content: [
        '# Des notes en Markdown',
        '',
        'Ces notes viennent d’un carnet, avec [un lien](javascript:window.__pwned=true) que personne ne doit suivre.',
        '',
        `Et une image, ![une image](${c('md-image')}), qui ne doit pas se charger dans le lecteur.`,
      ].join('\n'),
    },
  ]
}
