/**
 * The project's fact base, specs/facts.md: the numbered facts about AWS that clauses cite. Parsed
 * here because both the lint (every citation resolves, every fact is complete) and docs/spec.md
 * (each source links to its fact) need it. The parser records what it finds and what it could not
 * place; it judges nothing, so the lint can name every problem at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Evidence } from './clause.js';
import { PACKAGE_ROOT } from './paths.js';
import { fromRegistry, services } from './services/registry.js';

export const FACTS_FILE = join(PACKAGE_ROOT, 'specs', 'facts.md');

/** The prefixes of facts that belong to no one service: X-n (cross-cutting), CS-n (cross-service modelling). */
export const CROSS_FACT_PREFIXES = ['X', 'CS'] as const;

/** Every fact prefix: each service's (its registry entry's `factPrefix`: SNS, SQS, KMS), then X and CS. */
export const factPrefixes = fromRegistry(() => [...services().map((e) => e.factPrefix), ...CROSS_FACT_PREFIXES]);

/** A fact id, whole (`SQS-17`): `factIdPattern().test(id)`; with `g`, every fact id inside a text (`\bSQS-17\b`). */
export function factIdPattern(flags: '' | 'g' = ''): RegExp {
  const alternatives = factPrefixes().join('|');
  return flags === 'g' ? new RegExp(String.raw`\b(?:${alternatives})-\d+\b`, 'g') : new RegExp(String.raw`^(?:${alternatives})-\d+$`);
}

export const EVIDENCE_CODES: readonly Evidence[] = ['DOC', 'MODEL', 'OBS', 'INF', 'SDK'];

/** The labelled lines a fact may have, in the order the file writes them. */
export const LABELS = ['Behaviour', 'Source', 'Evidence', 'Undocumented', 'Observable', 'Not observable', 'Corrected'] as const;
export type Label = (typeof LABELS)[number];

export interface Fact {
  id: string;
  /** The heading after the id, as written. */
  title: string;
  /** The heading's anchor on GitHub, without `#`. */
  anchor: string;
  /** 1-based line of the heading. */
  line: number;
  /** Each label's text, continuation lines joined by newlines. */
  fields: Partial<Record<Label, string>>;
  /** URLs written as `<https://…>` or `[text](https://…)` in the Source line. */
  sources: string[];
  /** The comma-separated codes of the Evidence line, as written (valid or not). */
  evidence: string[];
  /** What the parser could not place: unknown or repeated labels, stray text. */
  problems: string[];
}

const HEADING = /^###\s+(\S+)(?:\s+(.*?))?\s*$/;
const LABEL_LINE = /^- \*\*([^*]+):\*\*\s?(.*)$/;

export function parseFacts(markdown: string): Fact[] {
  const facts: Fact[] = [];
  const factId = factIdPattern();
  let fact: Fact | undefined;
  let field: Label | undefined;
  let fenced = false;
  markdown.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    // The file's own example of the layout sits in a code fence; it is not a fact.
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced || line.startsWith('```')) return;
    const heading = HEADING.exec(line);
    if (heading && factId.test(heading[1]!)) {
      const title = heading[2] ?? '';
      fact = {
        id: heading[1]!,
        title,
        anchor: githubAnchor(`${heading[1]} ${title}`.trim()),
        line: i + 1,
        fields: {},
        sources: [],
        evidence: [],
        problems: [],
      };
      facts.push(fact);
      field = undefined;
      return;
    }
    if (line.startsWith('#')) {
      fact = undefined;
      return;
    }
    if (!fact) return;
    const labelled = LABEL_LINE.exec(line);
    if (labelled) {
      const label = labelled[1]! as Label;
      if (!LABELS.includes(label)) {
        fact.problems.push(`line ${i + 1}: unknown label "${labelled[1]}"`);
        field = undefined;
      } else if (fact.fields[label] !== undefined) {
        fact.problems.push(`line ${i + 1}: "${label}" given twice`);
        field = undefined;
      } else {
        fact.fields[label] = labelled[2]!.trim();
        field = label;
      }
      return;
    }
    if (line.trim() === '') {
      field = undefined;
      return;
    }
    if (field && line.startsWith('  ')) {
      fact.fields[field] += `\n${line.trim()}`;
      return;
    }
    fact.problems.push(`line ${i + 1}: text outside a labelled line: ${line.trim().slice(0, 60)}`);
  });
  for (const f of facts) {
    f.sources = urls(f.fields.Source ?? '');
    f.evidence = (f.fields.Evidence ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
  }
  return facts;
}

export function readFacts(path = FACTS_FILE): Fact[] {
  return parseFacts(readFileSync(path, 'utf8'));
}

function urls(text: string): string[] {
  return [...text.matchAll(/<(https?:\/\/[^>\s]+)>|\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => (m[1] ?? m[2])!);
}

/**
 * The id GitHub gives a heading (github-slugger): lower case, every character that is not a
 * letter, mark, digit, connector (`_`), hyphen or space dropped, then each space made a hyphen.
 * Exact for plain-text headings; the lint keeps fact titles free of Markdown so they stay plain.
 */
export function githubAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}
