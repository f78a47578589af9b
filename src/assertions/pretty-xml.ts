import xmlFormatter, { type XMLFormatterOptions } from 'xml-formatter';

// The CommonJS build assigns the function to module.exports while its types declare an ES default export.
const formatXml = ((xmlFormatter as unknown as { default?: unknown }).default ?? xmlFormatter) as (xml: string, options: XMLFormatterOptions) => string;

/**
 * The one home of xml-formatter: re-indents an XML document for display and diffs (recordings
 * keep the raw bytes). Attributes keep libvirt's single quotes. Null when the text is not XML.
 */
export function prettyXml(text: string): string | null {
  try {
    return formatXml(text, {
      indentation: '  ',
      collapseContent: true,
      lineSeparator: '\n',
      throwOnFailure: true,
      strictMode: true,
      attributeQuotes: 'single',
    });
  } catch {
    return null;
  }
}
