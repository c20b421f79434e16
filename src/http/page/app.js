// Lede's page: plain JavaScript, no build step, no dependencies. It calls the
// JSON API of the server that serves it and draws the answer. Text from the
// server is only ever set as textContent, never parsed as HTML.

const $ = (id) => document.getElementById(id);

const TYPE_NAMES = {
  PERSON: 'Person', ORGANIZATION: 'Organization', LOCATION: 'Location', NATIONALITY: 'Nationality',
  EVENT: 'Event', OTHER: 'Other name', DATE: 'Date', TIME: 'Time', MONEY: 'Money', PERCENT: 'Percent',
  QUANTITY: 'Quantity', UNSPECIFIED: 'Unspecified',
};
const CODE_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED',
  'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];
const TOKEN_KEY = 'lede-token';

const state = {
  file: null, // { name, base64, text } of a dropped or opened file
  result: null,
  selected: -1, // the selected entity's index
  cursor: -1, // the mention of the selected entity last moved to
};

const typeOf = (entity) => (entity.type || 'ENTITY_TYPE_UNSPECIFIED').replace('ENTITY_TYPE_', '');
const hasSpan = (span) => span && span.end > span.begin;
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

// ------------------------------------------------------------------ input

function selectedFeatures() {
  const features = {};
  for (const box of document.querySelectorAll('input[name="feature"]')) features[box.value] = box.checked;
  return features;
}

function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

async function loadFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('utf-8').decode(bytes);
  // The bytes go as they are, so the server reads the file's own character set.
  state.file = { name: file.name, base64: toBase64(bytes), text };
  $('article').value = text;
  if (/\.x?html?$/i.test(file.name) || file.type === 'text/html') {
    document.querySelector('input[name="format"][value="DOCUMENT_FORMAT_HTML"]').checked = true;
  }
  $('file-name').textContent = `${file.name}, ${bytes.length.toLocaleString()} bytes`;
}

function setupInput() {
  const area = $('article');
  area.addEventListener('input', () => {
    if (state.file && area.value !== state.file.text) {
      state.file = null;
      $('file-name').textContent = '';
    }
  });
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('input').requestSubmit();
  });
  area.addEventListener('dragover', (event) => {
    event.preventDefault();
    area.classList.add('dragging');
  });
  area.addEventListener('dragleave', () => area.classList.remove('dragging'));
  area.addEventListener('drop', (event) => {
    event.preventDefault();
    area.classList.remove('dragging');
    const file = event.dataTransfer.files[0];
    if (file) loadFile(file);
  });
  $('file').addEventListener('change', (event) => {
    const file = event.target.files[0];
    if (file) loadFile(file);
  });
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    $('token').value = token;
    $('token-box').hidden = false;
  }
  $('input').addEventListener('submit', analyze);
}

// ------------------------------------------------------------------ calling

async function analyze(event) {
  event.preventDefault();
  const features = selectedFeatures();
  const content = $('article').value;
  const document_ = { id: state.file ? state.file.name : 'page' };
  if (state.file && state.file.text === content) document_.rawContent = state.file.base64;
  else document_.content = content;
  document_.format = document.querySelector('input[name="format"]:checked').value;
  const body = { document: document_, features, encodingType: 'ENCODING_TYPE_UTF16' };
  const headers = { 'Content-Type': 'application/json' };
  const token = $('token').value.trim();
  if (token) headers.Authorization = `Bearer ${token}`;

  setBusy(true);
  hideError();
  const started = performance.now();
  try {
    const res = await fetch('/v1/articles:analyze', { method: 'POST', headers, body: JSON.stringify(body) });
    const payload = await res.json().catch(() => null);
    if (!res.ok) {
      showError(res.status, payload);
      if (res.status === 401) askForToken(Boolean(token));
      return;
    }
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    render(payload, features);
    const took = Math.round(performance.now() - started);
    $('status').textContent = `Analyzed in ${took} ms: ${summaryLine(payload, features)}.`;
  } catch (err) {
    showError(0, { message: `The server did not answer (${err.message}).` });
  } finally {
    setBusy(false);
  }
}

function summaryLine(res, features) {
  const parts = [];
  if (features.entities) parts.push(`${res.entities.length} entities`);
  if (features.quotes) parts.push(`${res.quotes.length} quotes`);
  if (features.summary) parts.push(`${res.summary ? res.summary.sentences.length : 0} summary sentences`);
  if (features.metadata) parts.push(`${res.metadata ? res.metadata.wordCount : 0} words`);
  return parts.join(', ');
}

function setBusy(busy) {
  $('run').disabled = busy;
  $('run').setAttribute('aria-busy', String(busy));
  if (busy) $('status').textContent = 'Analyzing…';
}

function askForToken(sent) {
  $('token-box').hidden = false;
  if (sent) sessionStorage.removeItem(TOKEN_KEY);
  $('token').focus();
}

/** The server's google.rpc.Status: its message, and the fields it names. */
function showError(httpStatus, status) {
  const box = $('error');
  box.replaceChildren();
  const code = status && Number.isInteger(status.code) ? CODE_NAMES[status.code] : null;
  const head = httpStatus ? `HTTP ${httpStatus}${code ? ` · ${code}` : ''}` : 'No answer';
  box.append(el('strong', { text: head }), ': ', (status && status.message) || 'the server gave no reason.');
  const violations = ((status && status.details) || []).flatMap((d) => d.fieldViolations || []);
  if (violations.length) {
    box.append(el('ul', {}, ...violations.map((v) => el('li', {}, el('code', { text: v.field }), ` ${v.description}`))));
  }
  if (httpStatus === 401) box.append(el('p', { text: 'Enter a bearer token below and press Analyze again.' }));
  box.hidden = false;
  $('status').textContent = '';
}

function hideError() {
  $('error').hidden = true;
}

// ------------------------------------------------------------------ drawing

function render(res, features) {
  state.result = res;
  state.selected = -1;
  state.cursor = -1;
  $('results').hidden = false;
  renderMetadata(res.metadata, features.metadata);
  renderText(res, features);
  renderEntities(features.entities ? res.entities : []);
  renderQuotes(features.quotes ? res.quotes : []);
  renderSummary(features.summary ? res.summary : null);
  $('entities').hidden = !features.entities;
  $('quotes').hidden = !features.quotes;
  $('summary').hidden = !features.summary;
  $('results').focus({ preventScroll: false });
}

function renderMetadata(meta, asked) {
  $('meta').hidden = !asked || !meta;
  if (!asked || !meta) return;
  $('meta-title').textContent = meta.title || 'No title found';
  $('meta-title').classList.toggle('none', !meta.title);
  $('meta-description').textContent = meta.description || '';
  const date = (d) => (d ? d.local || d.instant || '' : '');
  const authors = (meta.authors || [])
    .map((a) => a.name + (a.kind === 'AUTHOR_KIND_ORGANIZATION' ? ' (organization)' : ''))
    .join(', ');
  const language = meta.languageCode
    ? `${meta.languageCode} (${(meta.languageSource || '').replace('LANGUAGE_SOURCE_', '').toLowerCase()})`
    : '';
  const dateline = meta.dateline && meta.dateline.text
    ? meta.dateline.text + (meta.dateline.location ? ` (${meta.dateline.location})` : '')
    : '';
  const minutes = meta.readingTimeSeconds ? `${Math.max(1, Math.round(meta.readingTimeSeconds / 60))} min` : '';
  const rows = [
    ['Authors', authors],
    ['Published', date(meta.publishedAt)],
    ['Modified', date(meta.modifiedAt)],
    ['Publisher', [meta.publisher, meta.publisherHandle].filter(Boolean).join(' ')],
    ['Site', meta.siteName],
    ['Section', meta.section],
    ['Dateline', dateline],
    ['Language', language],
    ['Words', meta.wordCount ? `${meta.wordCount.toLocaleString()}${minutes ? `, ${minutes} to read` : ''}` : ''],
    ['Tags', (meta.tags || []).join(', ')],
    ['Canonical URL', meta.canonicalUrl],
    ['Image', meta.imageUrl],
    ['Social', (meta.socialHandles || []).join(', ')],
  ];
  $('meta-fields').replaceChildren(
    ...rows.filter(([, value]) => value).flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })]),
  );
}

/** Every span to mark in the text, each a half-open range of UTF-16 offsets. */
function collectMarks(res, features) {
  const marks = [];
  if (features.entities) {
    res.entities.forEach((entity, ei) => {
      (entity.mentions || []).forEach((m, mi) => {
        if (hasSpan(m.span)) {
          marks.push({ kind: 'm', begin: m.span.begin, end: m.span.end, ei, mi, pronoun: m.type === 'MENTION_TYPE_PRONOUN' });
        }
      });
    });
  }
  if (features.quotes) {
    res.quotes.forEach((q, qi) => {
      if (hasSpan(q.span)) marks.push({ kind: 'q', begin: q.span.begin, end: q.span.end, qi });
      if (hasSpan(q.speakerSpan)) marks.push({ kind: 'spk', begin: q.speakerSpan.begin, end: q.speakerSpan.end, qi });
      if (hasSpan(q.cueSpan)) marks.push({ kind: 'cue', begin: q.cueSpan.begin, end: q.cueSpan.end, qi });
    });
  }
  if (features.summary && res.summary) {
    res.summary.sentences.forEach((s, si) => {
      if (hasSpan(s.span)) marks.push({ kind: 'sum', begin: s.span.begin, end: s.span.end, si });
    });
    res.summary.keyphrases.forEach((k, ki) => {
      if (hasSpan(k.span)) marks.push({ kind: 'kp', begin: k.span.begin, end: k.span.end, ki });
    });
  }
  return marks;
}

/**
 * The text, cut at every mark's edges into runs; each run carries the marks
 * that cover it, so overlapping marks (a mention inside a quote inside a
 * summary sentence) all show.
 */
function renderText(res, features) {
  const text = res.text;
  const marks = collectMarks(res, features).sort((a, b) => a.begin - b.begin);
  let paragraphs = (res.paragraphs || []).filter(hasSpan);
  if (!paragraphs.length) paragraphs = [{ begin: 0, end: text.length }];
  const cuts = new Set([0, text.length]);
  for (const p of paragraphs) cuts.add(p.begin).add(p.end);
  for (const m of marks) cuts.add(Math.min(m.begin, text.length)).add(Math.min(m.end, text.length));
  const points = [...cuts].sort((a, b) => a - b);

  const container = $('text');
  const blocks = [];
  let active = [];
  let next = 0;
  let para = 0;
  let block = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    active = active.filter((m) => m.end > from);
    while (next < marks.length && marks[next].begin <= from) {
      if (marks[next].end > from) active.push(marks[next]);
      next++;
    }
    while (para < paragraphs.length && paragraphs[para].end <= from) {
      para++;
      block = null;
    }
    if (para >= paragraphs.length || paragraphs[para].begin > from) continue; // between paragraphs
    if (!block) {
      block = el('p');
      blocks.push(block);
    }
    block.append(run(text.slice(from, to), from, active));
  }
  container.replaceChildren(...blocks);
  container.classList.remove('selecting');
  updateLayers();
}

function run(slice, from, active) {
  if (!active.length) return document.createTextNode(slice);
  const span = el('span', { text: slice });
  // Of nested mentions, the innermost names the run.
  const mention = active.filter((m) => m.kind === 'm').sort((a, b) => a.end - a.begin - (b.end - b.begin))[0];
  if (mention) {
    const entity = state.result.entities[mention.ei];
    span.classList.add('m', `t-${typeOf(entity)}`);
    if (mention.pronoun) span.classList.add('pronoun');
    span.dataset.e = mention.ei;
    span.dataset.m = `${mention.ei}.${mention.mi}`;
    span.dataset.type = typeOf(entity);
  }
  const ids = (kind, key) => active.filter((m) => m.kind === kind).map((m) => m[key]);
  const quotes = ids('q', 'qi');
  if (quotes.length) {
    span.classList.add('q');
    span.dataset.q = quotes.join(' ');
  }
  const speakers = ids('spk', 'qi');
  if (speakers.length) {
    span.classList.add('spk');
    span.dataset.spk = speakers.join(' ');
  }
  const cues = ids('cue', 'qi');
  if (cues.length) {
    span.classList.add('cue');
    span.dataset.cue = cues.join(' ');
  }
  const sentence = active.find((m) => m.kind === 'sum');
  if (sentence) {
    span.classList.add('sum');
    span.dataset.s = sentence.si;
    if (sentence.begin === from) {
      span.classList.add('sum-start');
      span.dataset.rank = `S${sentence.si + 1}`;
    }
  }
  if (active.some((m) => m.kind === 'kp')) span.classList.add('kp');
  return span;
}

function updateLayers() {
  const text = $('text');
  for (const layer of ['entities', 'quotes', 'summary']) {
    text.classList.toggle(`show-${layer}`, $(`show-${layer}`).checked);
  }
}

// ------------------------------------------------------------------ entities

function renderEntities(entities) {
  const counts = new Map();
  for (const e of entities) counts.set(typeOf(e), (counts.get(typeOf(e)) || 0) + 1);
  $('legend').replaceChildren(
    ...[...counts.keys()].map((type) =>
      el('li', {}, el('button', {
        type: 'button',
        class: `t-${type}`,
        'aria-pressed': 'true',
        'data-type': type,
        text: `${TYPE_NAMES[type] || type} ${counts.get(type)}`,
        onclick: toggleType,
      })),
    ),
  );
  $('entity-list').replaceChildren(
    ...entities.map((entity, ei) => {
      const mentions = (entity.mentions || []).length;
      return el('li', {}, el('button', {
        type: 'button',
        class: `t-${typeOf(entity)}`,
        'aria-pressed': 'false',
        'data-e': ei,
        'aria-label': `${entity.name}, ${TYPE_NAMES[typeOf(entity)] || typeOf(entity)}, ${mentions} mentions`,
        onclick: () => select(ei),
      }, entity.name, el('span', { class: 'count', text: String(mentions) })));
    }),
  );
  $('entity-detail').hidden = true;
}

function toggleType(event) {
  const button = event.currentTarget;
  const shown = button.getAttribute('aria-pressed') !== 'true';
  button.setAttribute('aria-pressed', String(shown));
  for (const span of $('text').querySelectorAll(`.m[data-type="${button.dataset.type}"]`)) {
    span.classList.toggle('hidden-type', !shown);
  }
}

/** Marks every mention of entity `ei`, pronouns included; again to clear. */
function select(ei) {
  state.selected = state.selected === ei ? -1 : ei;
  state.cursor = -1;
  const text = $('text');
  for (const span of text.querySelectorAll('.m')) span.classList.toggle('sel', Number(span.dataset.e) === state.selected);
  text.classList.toggle('selecting', state.selected >= 0);
  for (const button of $('entity-list').querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(Number(button.dataset.e) === state.selected));
  }
  renderEntityDetail();
  hideTip();
}

function entityFacts(entity) {
  const mentions = entity.mentions || [];
  const pronouns = mentions.filter((m) => m.type === 'MENTION_TYPE_PRONOUN').length;
  const facts = [
    `${TYPE_NAMES[typeOf(entity)] || typeOf(entity)}, salience ${Number(entity.salience || 0).toFixed(2)}`,
    `${mentions.length} mentions${pronouns ? `, ${pronouns} of them pronouns` : ''}`,
  ];
  if ((entity.roles || []).length) facts.push(`Roles: ${entity.roles.join('; ')}`);
  if (entity.normalizedValue) facts.push(`Value: ${entity.normalizedValue}`);
  return facts;
}

function renderEntityDetail() {
  const box = $('entity-detail');
  if (state.selected < 0) {
    box.hidden = true;
    return;
  }
  const entity = state.result.entities[state.selected];
  const forms = [...new Set((entity.mentions || []).map((m) => m.text))];
  box.replaceChildren(
    el('h3', { text: entity.name }),
    ...entityFacts(entity).map((fact) => el('p', { text: fact })),
    el('p', { class: 'muted', text: `Written as: ${forms.join(', ')}` }),
    el('div', { class: 'nav' },
      el('button', { type: 'button', text: '◀ Previous mention', onclick: () => moveToMention(-1) }),
      el('button', { type: 'button', text: 'Next mention ▶', onclick: () => moveToMention(1) }),
      el('button', { type: 'button', text: 'Clear (Esc)', onclick: () => select(state.selected) })),
  );
  box.hidden = false;
}

/** The first run of each mention of the selected entity, in text order. */
function mentionHeads() {
  const seen = new Set();
  return [...$('text').querySelectorAll(`.m[data-e="${state.selected}"]`)].filter((span) => {
    if (seen.has(span.dataset.m)) return false;
    seen.add(span.dataset.m);
    return true;
  });
}

function moveToMention(step) {
  const heads = mentionHeads();
  if (!heads.length) return;
  state.cursor = (state.cursor + step + heads.length) % heads.length;
  const span = heads[state.cursor];
  span.tabIndex = -1;
  span.focus({ preventScroll: true });
  span.scrollIntoView({ block: 'center', behavior: 'smooth' });
  showTip(span);
}

// ------------------------------------------------------------------ tooltip

function showTip(span) {
  const entity = state.result.entities[Number(span.dataset.e)];
  if (!entity) return;
  const tip = $('tip');
  const mention = entity.mentions[Number(span.dataset.m.split('.')[1])];
  const kind = mention ? mention.type.replace('MENTION_TYPE_', '').toLowerCase() : '';
  tip.replaceChildren(
    el('strong', { text: entity.name }),
    ...entityFacts(entity).map((fact) => el('div', { text: fact })),
    kind ? el('div', { text: `This mention: “${mention.text}”, ${kind}` }) : null,
  );
  tip.hidden = false;
  const box = span.getBoundingClientRect();
  const width = tip.offsetWidth;
  const left = Math.min(Math.max(4, box.left), document.documentElement.clientWidth - width - 4);
  tip.style.left = `${left + window.scrollX}px`;
  tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  span.setAttribute('aria-describedby', 'tip');
}

function hideTip() {
  $('tip').hidden = true;
}

function setupText() {
  const text = $('text');
  text.addEventListener('mouseover', (event) => {
    const span = event.target.closest('.m');
    if (span && !span.classList.contains('hidden-type')) showTip(span);
  });
  text.addEventListener('mouseout', (event) => {
    if (event.target.closest('.m')) hideTip();
  });
  text.addEventListener('click', (event) => {
    const span = event.target.closest('.m');
    if (span) select(Number(span.dataset.e));
  });
  text.addEventListener('focusout', hideTip);
  for (const layer of ['entities', 'quotes', 'summary']) $(`show-${layer}`).addEventListener('change', updateLayers);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    hideTip();
    if (state.selected >= 0) select(state.selected);
  });
}

// ------------------------------------------------------------------ quotes and summary

function highlight(attribute, id, on) {
  const text = $('text');
  for (const span of text.querySelectorAll(`[${attribute}]`)) {
    if (span.getAttribute(attribute).split(' ').includes(String(id))) span.classList.toggle('active', on);
  }
}

function showInText(attribute, id) {
  const first = [...$('text').querySelectorAll(`[${attribute}]`)].find((span) =>
    span.getAttribute(attribute).split(' ').includes(String(id)));
  if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function renderQuotes(quotes) {
  $('quote-list').replaceChildren(
    ...quotes.map((q, qi) => {
      const type = (q.type || '').replace('QUOTE_TYPE_', '').toLowerCase();
      const speaker = q.speakerName || q.speaker;
      const item = el('li', { 'data-q': qi, 'data-type': type },
        el('blockquote', { text: q.text }),
        el('p', { class: 'by' },
          '— ',
          speaker ? el('span', { class: 'speaker', text: speaker }) : el('span', { class: 'muted', text: 'speaker not found' }),
          q.cue ? ', ' : '',
          q.cue ? el('span', { class: 'cue-word', text: q.cue }) : null,
          ' ',
          el('span', { class: 'quote-type', text: `(${type})` }),
          el('button', {
            type: 'button',
            text: 'Show',
            'aria-label': `Show the quote in the text`,
            onclick: () => showInText('data-q', qi),
          })));
      const on = () => ['data-q', 'data-spk', 'data-cue'].forEach((a) => highlight(a, qi, true));
      const off = () => ['data-q', 'data-spk', 'data-cue'].forEach((a) => highlight(a, qi, false));
      item.addEventListener('mouseenter', on);
      item.addEventListener('mouseleave', off);
      item.addEventListener('focusin', on);
      item.addEventListener('focusout', off);
      return item;
    }),
  );
}

function renderSummary(summary) {
  const sentences = summary ? summary.sentences : [];
  $('summary-list').replaceChildren(
    ...sentences.map((s, si) => {
      const item = el('li', { 'data-s': si }, s.text, el('button', {
        type: 'button',
        text: 'Show',
        'aria-label': `Show summary sentence ${si + 1} in the text`,
        onclick: () => showInText('data-s', si),
      }));
      item.addEventListener('mouseenter', () => highlight('data-s', si, true));
      item.addEventListener('mouseleave', () => highlight('data-s', si, false));
      item.addEventListener('focusin', () => highlight('data-s', si, true));
      item.addEventListener('focusout', () => highlight('data-s', si, false));
      return item;
    }),
  );
  $('keyphrases').replaceChildren(...(summary ? summary.keyphrases : []).map((k) => el('li', { text: k.text })));
}

setupInput();
setupText();
