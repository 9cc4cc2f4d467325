/** jest transform: a text file (the built dashboard page) as a module whose export is its text. */
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
