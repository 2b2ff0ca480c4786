// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.

/** Rows of the text, each an array of fields; a UTF-8 byte-order mark is ignored. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(rows) {
  return rows.map((r) => r.map((v) => quote(String(v ?? ''))).join(',')).join('\n') + '\n';
}

/**
 * Labelled examples from a CSV with a header naming subject, description, level1 and optionally
 * level2, level3 (any order, other columns ignored). Throws naming the line of a bad row.
 */
export function readExamples(text, taxonomy) {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('the file is empty');
  const col = Object.fromEntries(header.map((h, i) => [h.trim().toLowerCase(), i]));
  for (const name of ['subject', 'description', 'level1']) {
    if (col[name] === undefined) throw new Error(`the header has no "${name}" column (found: ${header.join(', ')})`);
  }
  const leaves = new Map([...taxonomy.values()].map((c) => [`${c.level1}/${c.level2}/${c.level3}`, c.id]));
  const level1s = new Set([...taxonomy.values()].map((c) => c.level1));
  const level2s = new Set([...taxonomy.values()].map((c) => `${c.level1}/${c.level2}`));
  return rows.map((r, i) => {
    const get = (name) => (col[name] === undefined ? '' : (r[col[name]] ?? '').trim());
    const [subject, description, level1, level2, level3] = ['subject', 'description', 'level1', 'level2', 'level3'].map(get);
    const where = `row ${i + 2}`;
    if (!subject && !description) throw new Error(`${where}: no subject and no description`);
    if (!level1s.has(level1)) throw new Error(`${where}: level1 "${level1}" is not a first-level class of the taxonomy`);
    if (level2 && !level2s.has(`${level1}/${level2}`)) throw new Error(`${where}: level2 "${level2}" is not a class of ${level1}`);
    const categoryId = level2 && level3 ? leaves.get(`${level1}/${level2}/${level3}`) : undefined;
    if (level3 && categoryId === undefined) throw new Error(`${where}: "${level1}/${level2}/${level3}" is not a leaf of the taxonomy`);
    return {
      subject: subject || description.slice(0, 30),
      description,
      level1,
      ...(level2 ? { level2 } : {}),
      ...(categoryId !== undefined ? { categoryId } : {}),
    };
  });
}
