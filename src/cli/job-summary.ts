import { appendFileSync } from 'node:fs';
import { FeedmillError } from '../errors.ts';
import { describeMovedFeed, type FeedReport, type RunReport, summarize } from '../pipeline/index.ts';
import { failureDetail, finishedDetail, fullTextFallbacks } from './run-progress.ts';

/** How the summary is written: a dry run says so; `redact` masks secrets in every text taken from the run. */
export interface JobSummaryOptions {
  dryRun?: boolean;
  redact?: (text: string) => string;
}

// Longest cause shown in a table cell; the full text is in the log and in --json.
const MAX_CAUSE = 400;
// Warnings listed under the table; the log has them all.
const MAX_WARNINGS = 10;

/**
 * The run as a GitHub-flavoured Markdown section for a CI job summary: a header with the
 * totals, then one table row per feed, failing feeds first, each with its code and cause.
 */
export function formatJobSummary(report: RunReport, options: JobSummaryOptions = {}): string {
  const redact = options.redact ?? ((text: string) => text);
  const totals = summarize(report);
  const title = options.dryRun ? 'feedmill run --dry-run (nothing written)' : 'feedmill run';
  const verdict =
    totals.feeds === 0
      ? 'no feeds selected'
      : totals.failed === 0
        ? `all ${totals.feeds} feeds ok`
        : totals.failed === totals.feeds
          ? `all ${totals.feeds} feeds failing`
          : `${totals.failed} of ${totals.feeds} feeds failing`;
  const lines = [`## ${title}: ${verdict}`, ''];
  lines.push(
    [
      `${totals.created} new`,
      `${totals.updated} updated`,
      `${totals.unchanged} unchanged`,
      `${totals.notModified} not modified`,
      `${totals.failed} failing${totals.notFetched ? ` (${totals.notFetched} not fetched: backing off or gone)` : ''}`,
      // Not failing: feeds that say they will not be updated again (JSON Feed `expired`).
      ...(totals.finished ? [`${totals.finished} finished`] : []),
      `${(report.elapsedMs / 1000).toFixed(1)} s`,
    ].join(' · '),
    '',
  );
  if (report.feeds.length > 0) {
    lines.push('| feed | status | new | updated | cause |', '| --- | --- | ---: | ---: | --- |');
    for (const feed of orderForSummary(report.feeds)) lines.push(tableRow(feed, redact));
    lines.push('');
  }
  if (report.moved && report.moved.length > 0) {
    lines.push('Moved feeds (url edited in the config):', '');
    for (const moved of report.moved)
      lines.push(`- ${escapeMarkdownCell(redact(describeMovedFeed(moved, options.dryRun === true)))}`);
    lines.push('');
  }
  const warnings = report.warnings ?? [];
  if (warnings.length > 0) {
    lines.push('Warnings:', '');
    for (const warning of warnings.slice(0, MAX_WARNINGS))
      lines.push(`- ${escapeMarkdownCell(redact(warning))}`);
    if (warnings.length > MAX_WARNINGS)
      lines.push(`- … and ${warnings.length - MAX_WARNINGS} more (see the log)`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The section for a run that stopped before reporting its feeds (bad config, LOCKED, a state
 * database failure): the error's code and message.
 */
export function formatFailedRunSummary(
  error: unknown,
  options: { redact?: (text: string) => string } = {},
): string {
  const redact = options.redact ?? ((text: string) => text);
  const code = error instanceof FeedmillError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  const where = error instanceof FeedmillError && error.context.feed ? `${error.context.feed}: ` : '';
  return `## feedmill run: failed\n\n\`${code}\` ${escapeMarkdownCell(redact(`${where}${message}`))}\n\n`;
}

/** Appends a section to the job summary file (GitHub creates it; appending keeps other steps' sections). */
export function appendJobSummary(path: string, markdown: string): void {
  appendFileSync(path, markdown, 'utf8');
}

/**
 * Failing feeds first, then finished ones (news too, though not failures), then written ones,
 * then the unchanged; config order within each group.
 */
export function orderForSummary(feeds: readonly FeedReport[]): FeedReport[] {
  const rank = (feed: FeedReport) =>
    feed.status === 'failed' ? 0 : feed.finished ? 1 : feed.status === 'ok' ? 2 : 3;
  return feeds
    .map((feed, index) => ({ feed, index }))
    .sort((a, b) => rank(a.feed) - rank(b.feed) || a.index - b.index)
    .map((entry) => entry.feed);
}

function tableRow(feed: FeedReport, redact: (text: string) => string): string {
  return `| ${[escapeMarkdownCell(redact(feed.name)), ...tableCells(feed, redact)].join(' | ')} |`;
}

/** A feed's row after its name: state, new, updated, note. */
function tableCells(feed: FeedReport, redact: (text: string) => string): string[] {
  if (feed.status === 'failed') return ['**failing**', '–', '–', failureCause(feed, redact)];
  const created = feed.status === 'ok' ? String(feed.created) : '0';
  const updated = feed.status === 'ok' ? String(feed.updated) : '0';
  if (feed.finished) {
    const fetched = feed.status === 'ok' ? '' : feed.notFetched ? 'not fetched this run; ' : 'not modified; ';
    return ['finished', created, updated, escapeMarkdownCell(`${fetched}${finishedDetail(feed)}`)];
  }
  if (feed.status !== 'ok') return ['not modified', created, updated, ''];
  const notes = [fullTextNote(fullTextFallbacks(feed)), feed.resumed ? 'resumed: no longer finished' : ''];
  return ['ok', created, updated, notes.filter(Boolean).join('; ')];
}

function fullTextNote(fallbacks: number): string {
  return fallbacks > 0 ? `${fallbacks} without full text (see the log)` : '';
}

function failureCause(feed: FeedReport & { status: 'failed' }, redact: (text: string) => string): string {
  const detail = failureDetail(feed);
  let text = redact(`${feed.message}${detail ? ` (${detail})` : ''}`);
  const points = [...text];
  if (points.length > MAX_CAUSE) text = `${points.slice(0, MAX_CAUSE - 1).join('')}…`;
  // Codes are [A-Z_] and safe in a code span.
  return `\`${feed.code.replace(/[^A-Z0-9_]/gi, '')}\` ${escapeMarkdownCell(text)}`;
}

/**
 * Text made literal inside a GFM table cell: Markdown punctuation backslash-escaped (pipes
 * would end the cell, backticks open code, `<` HTML), line breaks as `<br>`, other controls dropped.
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&#!]/g, (mark) => `\\${mark}`)
    .replace(/\r\n?|\n|\u2028|\u2029/g, '<br>')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
