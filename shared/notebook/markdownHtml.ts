/**
 * GitHub-flavoured Markdown to HTML for reports, sanitized by construction: the HTML is written
 * from the syntax tree by this file alone, so nothing the author wrote becomes markup. Raw HTML is
 * shown as text, links that leave the document are shown as text with their address (a report
 * must load and reach nothing), and images are kept only when embedded (`data:` raster images).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Definition, Nodes, Parents, Root, TableCell } from 'mdast';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export function markdownToHtml(markdown: string): string {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  return render(tree, { definitions, align: [] });
}

interface Context {
  definitions: Map<string, Definition>;
  align: readonly (string | null | undefined)[];
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === 'definition') into.set(node.identifier.toLowerCase(), node);
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into);
}

/** Raster images embedded in the document; SVG is left out (it can carry scripts). */
const embeddedImage = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/;

function children(node: Parents, context: Context): string {
  return node.children.map((child) => render(child, context)).join('');
}

function link(url: string, content: string): string {
  if (url.startsWith('#')) return `<a href="${escapeHtml(url)}">${content}</a>`;
  const address = escapeHtml(url);
  return content === address || url.length === 0 ? content : `${content} <span class="url">(${address})</span>`;
}

function image(url: string, alt: string): string {
  if (embeddedImage.test(url)) return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">`;
  return `<span class="image-omitted">[${escapeHtml(alt || url)}]</span>`;
}

function render(node: Nodes, context: Context): string {
  switch (node.type) {
    case 'root':
      return children(node as Root, context);
    case 'paragraph':
      return `<p>${children(node, context)}</p>\n`;
    case 'heading':
      return `<h${node.depth}>${children(node, context)}</h${node.depth}>\n`;
    case 'thematicBreak':
      return '<hr>\n';
    case 'blockquote':
      return `<blockquote>\n${children(node, context)}</blockquote>\n`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const start = node.ordered && node.start !== null && node.start !== undefined && node.start !== 1 ? ` start="${node.start}"` : '';
      return `<${tag}${start}>\n${children(node, context)}</${tag}>\n`;
    }
    case 'listItem': {
      const box = node.checked === null || node.checked === undefined ? '' : `<input type="checkbox" disabled${node.checked ? ' checked' : ''}> `;
      // A tight list item's paragraphs render without <p>, as GitHub does.
      const inner = node.spread ? children(node, context) : node.children.map((child) => (child.type === 'paragraph' ? children(child, context) : render(child, context))).join('');
      return `<li>${box}${inner}</li>\n`;
    }
    case 'code':
      return `<pre><code>${escapeHtml(node.value)}</code></pre>\n`;
    case 'html':
      return escapeHtml(node.value);
    case 'text':
      return escapeHtml(node.value);
    case 'emphasis':
      return `<em>${children(node, context)}</em>`;
    case 'strong':
      return `<strong>${children(node, context)}</strong>`;
    case 'delete':
      return `<del>${children(node, context)}</del>`;
    case 'inlineCode':
      return `<code>${escapeHtml(node.value)}</code>`;
    case 'break':
      return '<br>\n';
    case 'link':
      return link(node.url, children(node, context));
    case 'linkReference': {
      const definition = context.definitions.get(node.identifier.toLowerCase());
      return definition ? link(definition.url, children(node, context)) : children(node, context);
    }
    case 'image':
      return image(node.url, node.alt ?? '');
    case 'imageReference': {
      const definition = context.definitions.get(node.identifier.toLowerCase());
      return image(definition?.url ?? '', node.alt ?? '');
    }
    case 'definition':
      return '';
    case 'footnoteReference':
      return `<sup>[${escapeHtml(node.label ?? node.identifier)}]</sup>`;
    case 'footnoteDefinition':
      return `<div class="footnote"><sup>[${escapeHtml(node.label ?? node.identifier)}]</sup> ${children(node, context)}</div>\n`;
    case 'table': {
      const [head, ...body] = node.children;
      const inner = { ...context, align: node.align ?? [] };
      const headHtml = head ? `<thead>\n${renderRow(head.children, 'th', inner)}</thead>\n` : '';
      const bodyHtml = body.length > 0 ? `<tbody>\n${body.map((row) => renderRow(row.children, 'td', inner)).join('')}</tbody>\n` : '';
      return `<table>\n${headHtml}${bodyHtml}</table>\n`;
    }
    case 'tableRow':
      return renderRow(node.children, 'td', context);
    case 'tableCell':
      return `<td>${children(node, context)}</td>`;
    case 'yaml':
      return '';
    default: {
      // Node types from extensions this file does not know: their text, escaped.
      const unknown = node as { children?: unknown; value?: unknown };
      if (Array.isArray(unknown.children)) return children(unknown as Parents, context);
      return typeof unknown.value === 'string' ? escapeHtml(unknown.value) : '';
    }
  }
}

function renderRow(cells: readonly TableCell[], tag: 'th' | 'td', context: Context): string {
  const html = cells
    .map((cell, i) => {
      const align = context.align[i];
      const style = align ? ` style="text-align: ${align === 'left' ? 'start' : align === 'right' ? 'end' : 'center'}"` : '';
      return `<${tag}${style}>${children(cell, context)}</${tag}>`;
    })
    .join('');
  return `<tr>${html}</tr>\n`;
}
