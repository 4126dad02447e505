// The arkiv page: searches, articles and name pages, all from the URL (`/?q=…&person=…`,
// `/?view=article&id=…`, `/?view=person&name=…`), so a page can be bookmarked and shared and
// the back button works: every link is a real address, and the page is drawn from it.
//
// Text from the archive only ever reaches the page as text (textContent, text nodes): never
// as markup, whatever an article's title holds.
"use strict";

const TEXTS = {
  nb: {
    skip: "Hopp til innholdet", searchLabel: "Søk i arkivet", search: "Søk",
    people: "Personer", places: "Steder", organisations: "Organisasjoner", languages: "Språk", sources: "Kilder",
    hits: (n) => `${n.toLocaleString("nb")} ${n === 1 ? "artikkel" : "artikler"}`,
    none: "Ingen artikler funnet.", corrected: "Viser resultater for", didYouMean: "Mente du",
    partial: "Ingen artikkel har alle ordene; disse har flest.", without: "uten",
    previous: "Forrige side", next: "Neste side", page: (n) => `Side ${n}`,
    removeFilter: (f) => `Fjern filteret ${f}`, filters: "Filtre",
    overTime: "Over tid", undated: (n) => `${n} udaterte`, bar: (p, n) => `${p}: ${n} artikler, avgrens til perioden`,
    mentions: "Nevnt i", together: "Nevnes oftest sammen med", articlesOver: "Artikler over tid",
    person: "Person", place: "Sted", org: "Organisasjon", word: "ord",
    lead: "Ingress", captions: "Bildetekster", credit: "Foto", source: "Kilde",
    loading: "Henter …", welcome: "Søk i arkivet: ord, \"fraser\", OR, -utelat, person:navn.",
    token: "Tilgangsnøkkel", tokenHelp: "Denne serveren krever en tilgangsnøkkel.", useToken: "Bruk nøkkelen",
    error: "Feil", back: "Tilbake til søket", undatedArticle: "udatert", suggestions: "Forslag",
  },
  en: {
    skip: "Skip to content", searchLabel: "Search the archive", search: "Search",
    people: "People", places: "Places", organisations: "Organisations", languages: "Languages", sources: "Sources",
    hits: (n) => `${n.toLocaleString("en")} ${n === 1 ? "article" : "articles"}`,
    none: "No articles found.", corrected: "Showing results for", didYouMean: "Did you mean",
    partial: "No article has every word; these have the most.", without: "without",
    previous: "Previous page", next: "Next page", page: (n) => `Page ${n}`,
    removeFilter: (f) => `Remove the filter ${f}`, filters: "Filters",
    overTime: "Over time", undated: (n) => `${n} undated`, bar: (p, n) => `${p}: ${n} articles, narrow to this period`,
    mentions: "Mentioned in", together: "Most often named with", articlesOver: "Articles over time",
    person: "Person", place: "Place", org: "Organisation", word: "word",
    lead: "Lead", captions: "Captions", credit: "Photo", source: "Source",
    loading: "Loading …", welcome: "Search the archive: words, \"phrases\", OR, -exclude, person:name.",
    token: "Access token", tokenHelp: "This server needs an access token.", useToken: "Use the token",
    error: "Error", back: "Back to the search", undatedArticle: "undated", suggestions: "Suggestions",
  },
};

/** The page's language: bokmål for a reader whose browser asks for Norwegian, else English. */
const LANG = (navigator.languages || [navigator.language || "en"])
  .map((tag) => tag.toLowerCase())
  .some((tag) => /^(nb|nn|no)\b/.test(tag)) ? "nb" : "en";
const T = TEXTS[LANG];

/** Hits per page. */
const PAGE_SIZE = 10;
/** Milliseconds of quiet in the search box before suggestions are asked for. */
const SUGGEST_DELAY = 120;
/** The filters a search takes from the URL, in the order they are shown. */
const FILTERS = ["person", "place", "org", "lang", "source", "from", "to"];
/** The kinds of names, with their route and facet names. */
const KINDS = [
  { kind: "PER", view: "person", param: "person", facet: "people", label: "person" },
  { kind: "PLACE", view: "place", param: "place", facet: "places", label: "place" },
  { kind: "ORG", view: "org", param: "org", facet: "organisations", label: "org" },
];

/** Makes an element with attributes and children (strings become text nodes). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
  }
  return node;
}

/** A link to this page with the given parameters. */
function href(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, value);
  }
  const query = search.toString();
  return query ? `/?${query}` : "/";
}

/** The URL's parameters as an object. */
function current() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

/** GET from the API, with the token if one was given; a 401 asks for one. */
async function api(path) {
  const headers = {};
  const token = sessionStorage.getItem("arkiv-token");
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (response.status === 401) throw { unauthorised: true };
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function formatDate(iso) {
  if (!iso) return T.undatedArticle;
  return new Intl.DateTimeFormat(LANG, { year: "numeric", month: "long", day: "numeric" }).format(new Date(iso));
}

/** A snippet with its matches marked: the byte ranges are cut from the UTF-8 bytes. */
function snippet(view) {
  const bytes = new TextEncoder().encode(view.text);
  const decode = (start, end) => new TextDecoder().decode(bytes.slice(start, end));
  const out = el("p", { class: "snippet" });
  let at = 0;
  for (const { start, end } of view.highlights) {
    out.append(document.createTextNode(decode(at, start)), el("mark", {}, decode(start, end)));
    at = end;
  }
  out.append(document.createTextNode(decode(at, bytes.length)));
  return out;
}

/** The bar chart of a histogram: each bar a link that narrows the search to its period. */
function histogram(view, linkFor) {
  if (!view.buckets.length) return view.undated ? el("p", { class: "meta" }, T.undated(view.undated)) : null;
  const most = Math.max(1, ...view.buckets.map((bucket) => bucket.articles));
  const bars = el("div", { class: "histogram" });
  for (const bucket of view.buckets) {
    const label = T.bar(bucket.period, bucket.articles);
    const bar = el("a", { href: linkFor(bucket), "aria-label": label, title: label });
    bar.style.height = `${Math.max(2, (100 * bucket.articles) / most)}%`;
    bars.append(bar);
  }
  const first = view.buckets[0].period;
  const last = view.buckets[view.buckets.length - 1].period;
  return el("div", {}, bars, el("div", { class: "axis" }, el("span", {}, first), el("span", {}, last)),
    view.undated ? el("p", { class: "meta" }, T.undated(view.undated)) : null);
}

function setStatus(text) {
  document.querySelector(".status").textContent = text;
}

/** Replaces the view, and names the page. */
function show(title, ...content) {
  document.title = title ? `${title} – arkiv` : "arkiv";
  document.getElementById("view").replaceChildren(...content);
}

async function searchView(params) {
  const words = params.q || "";
  document.getElementById("q").value = words;
  if (!words && !FILTERS.some((name) => params[name])) {
    show("", el("h1", { class: "visually-hidden" }, "arkiv"), el("p", {}, T.welcome));
    return;
  }
  const offset = Math.max(0, parseInt(params.offset || "0", 10) || 0);
  const query = { ...params, offset, limit: PAGE_SIZE };
  delete query.view;
  const page = await api(`/api/search${href(query).slice(1)}`);
  const base = { ...params };
  delete base.offset;

  const filters = el("ul", { class: "filters", "aria-label": T.filters });
  for (const name of FILTERS) {
    if (!params[name]) continue;
    const without = { ...base };
    delete without[name];
    filters.append(el("li", {}, el("a", { href: href(without), "aria-label": T.removeFilter(params[name]) }, `${params[name]} ✕`)));
  }

  const facets = el("nav", { class: "facets", "aria-label": T.filters });
  const facetList = (title, values, param) => {
    if (!values.length) return;
    facets.append(el("h2", {}, title));
    facets.append(el("ul", {}, values.map((value) => el("li", {},
      el("a", { href: href({ ...base, [param]: value.name }) }, value.name),
      el("span", { class: "count" }, value.articles)))));
  };
  for (const kind of KINDS) facetList(T[kind.facet], page.facets[kind.facet], kind.param);
  facetList(T.languages, page.facets.languages, "lang");
  facetList(T.sources, page.facets.sources, "source");

  const results = el("section", { "aria-labelledby": "results-heading" });
  results.append(el("h1", { id: "results-heading" }, T.hits(page.total)));
  if (page.corrected_query) results.append(el("p", {}, `${T.corrected} `, el("strong", {}, page.corrected_query)));
  if (page.suggestion) {
    results.append(el("p", {}, `${T.didYouMean} `, el("a", { href: href({ ...base, q: page.suggestion }) }, page.suggestion), "?"));
  }
  if (page.partial) results.append(el("p", { class: "meta" }, T.partial));
  results.append(filters);
  const chart = histogram(page.histogram, (bucket) => href({ ...base, from: bucket.from, to: bucket.to }));
  if (chart) results.append(el("h2", { class: "visually-hidden" }, T.overTime), chart);
  if (!page.hits.length) results.append(el("p", {}, T.none));
  const list = el("ol", { class: "hits", start: offset + 1 });
  for (const hit of page.hits) {
    list.append(el("li", {},
      el("h3", {}, el("a", { href: href({ view: "article", id: hit.id }) }, hit.title)),
      el("p", { class: "meta" }, [formatDate(hit.date), hit.source, hit.language].filter(Boolean).join(" · ")),
      snippet(hit.snippet),
      hit.missing.length ? el("p", { class: "meta" }, `${T.without}: ${hit.missing.join(", ")}`) : null));
  }
  results.append(list);
  const pages = el("nav", { class: "pages", "aria-label": T.page(Math.floor(offset / PAGE_SIZE) + 1) });
  if (offset > 0) pages.append(el("a", { href: href({ ...base, offset: Math.max(0, offset - PAGE_SIZE) }), rel: "prev" }, T.previous));
  if (offset + PAGE_SIZE < page.total) pages.append(el("a", { href: href({ ...base, offset: offset + PAGE_SIZE }), rel: "next" }, T.next));
  results.append(pages);
  show(words || Object.values(params).join(" "), el("div", { class: "layout" }, facets, results));
}

async function articleView(params) {
  const article = await api(`/api/articles/${encodeURIComponent(params.id || "")}`);
  const body = el("article", { "aria-labelledby": "article-title" });
  body.append(el("h1", { id: "article-title" }, article.title));
  body.append(el("p", { class: "meta" }, [formatDate(article.date), article.byline, article.source].filter(Boolean).join(" · ")));
  if (article.lead) body.append(el("p", { class: "lead" }, article.lead));
  // The reading order is the text's: lead, then subheadings and paragraphs as they came.
  const subheadings = new Set(article.subheadings);
  const blocks = article.text.split("\n\n");
  for (const block of article.lead && blocks[0] === article.lead ? blocks.slice(1) : blocks) {
    body.append(subheadings.has(block) ? el("h2", {}, block) : el("p", {}, block));
  }
  for (const caption of article.captions) {
    body.append(el("figure", {}, el("figcaption", {}, caption.text,
      caption.credit ? el("span", { class: "credit" }, ` ${T.credit}: ${caption.credit}`) : null)));
  }
  const entities = el("div", { class: "entities" });
  for (const kind of KINDS) {
    const names = article[kind.facet];
    if (!names.length) continue;
    entities.append(el("section", {}, el("h2", {}, T[kind.facet]),
      el("ul", {}, names.map((name) => el("li", {}, el("a", { href: href({ view: kind.view, name }) }, name))))));
  }
  body.append(entities);
  show(article.title, body);
}

async function nameView(params, kind) {
  const name = params.name || "";
  const page = await api(`/api/${kind.view}/${encodeURIComponent(name)}?limit=50`);
  const title = page.names.length ? page.names.join(", ") : name;
  const content = el("div", { class: "name-page" });
  content.append(el("h1", {}, title), el("p", { class: "meta" }, `${T[kind.label]} · ${T.hits(page.total)}`));
  const chart = histogram(page.histogram, (bucket) => href({ [kind.param]: name, from: bucket.from, to: bucket.to }));
  if (chart) content.append(el("h2", {}, T.articlesOver), chart);
  content.append(el("h2", {}, T.mentions));
  content.append(el("ul", { class: "names" }, page.articles.map((article) => el("li", {},
    el("a", { href: href({ view: "article", id: article.id }) }, article.title),
    el("span", { class: "meta" }, ` · ${formatDate(article.date)}`)))));
  if (page.together.length) {
    content.append(el("h2", {}, T.together));
    content.append(el("ul", { class: "together" }, page.together.map((other) => {
      const of = KINDS.find((k) => k.kind === other.kind) || KINDS[0];
      return el("li", {}, el("a", { href: href({ view: of.view, name: other.name }) }, other.name),
        el("span", { class: "count" }, `${T[of.label]} · ${other.articles}`));
    })));
  }
  show(title, content);
}

function tokenForm(retry) {
  const input = el("input", { id: "token", type: "password", autocomplete: "current-password" });
  const form = el("form", {}, el("p", {}, T.tokenHelp), el("label", { for: "token" }, T.token), " ", input, " ",
    el("button", { type: "submit" }, T.useToken));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("arkiv-token", input.value);
    retry();
  });
  show(T.token, form);
  input.focus();
}

/** Draws the view the URL names. */
async function render() {
  const params = current();
  setStatus(T.loading);
  try {
    const kind = KINDS.find((k) => k.view === params.view);
    if (params.view === "article") await articleView(params);
    else if (kind) await nameView(params, kind);
    else await searchView(params);
    setStatus("");
  } catch (error) {
    setStatus("");
    if (error && error.unauthorised) tokenForm(render);
    else show(T.error, el("h1", {}, T.error), el("p", { class: "error", role: "alert" }, String(error.message || error)));
  }
}

/** The search box's suggestions: a combobox with a listbox, driven by the arrow keys. */
function suggestions() {
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  let timer = 0;
  let active = -1;
  let asked = "";
  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const choose = (text) => {
    input.value = /\s/.test(text) ? `"${text}"` : text;
    close();
    document.getElementById("search").requestSubmit();
  };
  const highlight = (index) => {
    const options = [...list.children];
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", options[active].id);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (!prefix) return close();
    timer = setTimeout(async () => {
      asked = prefix;
      let found = [];
      try {
        found = await api(`/api/suggest?prefix=${encodeURIComponent(prefix)}`);
      } catch (error) {
        return close();
      }
      if (asked !== input.value.trim()) return;
      close();
      found.forEach((suggestion, i) => {
        const kind = KINDS.find((k) => k.kind === suggestion.kind);
        const option = el("li", { id: `suggestion-${i}`, role: "option", "aria-selected": "false" },
          el("span", {}, suggestion.text), el("span", { class: "kind" }, kind ? T[kind.label] : T.word));
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(suggestion.text);
        });
        list.append(option);
      });
      if (found.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }, SUGGEST_DELAY);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(list.children[active].firstChild.textContent);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

function start() {
  document.documentElement.lang = LANG;
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = T[node.dataset.text];
  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    // A new query keeps the filters and starts on the first page.
    const params = current();
    const keep = Object.fromEntries(FILTERS.filter((name) => params[name]).map((name) => [name, params[name]]));
    const words = document.getElementById("q").value.trim();
    location.assign(href(params.view ? { q: words } : { ...keep, q: words }));
  });
  suggestions();
  render();
}

start();
