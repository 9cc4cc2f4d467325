/** The dashboard page (src/page/), built by scripts/build.mjs: one self-contained HTML document. */
declare module 'bdhvs:dashboard-page' {
  const page: string;
  export default page;
}
