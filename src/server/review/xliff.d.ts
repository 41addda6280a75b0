/** The two functions of the `xliff` package (locize/xliff, no types of its own) the review uses. */
declare module 'xliff/js2xliff' {
  interface XliffJs {
    resources: Record<string, Record<string, { source: string; target?: string; note?: string | string[] }>>;
    sourceLanguage: string;
    targetLanguage: string;
  }
  export default function js2xliff(js: XliffJs): Promise<string>;
}

declare module 'xliff/xliff2js' {
  export default function xliff2js(xml: string): Promise<unknown>;
}
