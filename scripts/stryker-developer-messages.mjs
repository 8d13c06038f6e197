// A StrykerJS ignorer (stryker.config.mjs, `ignorers`): the `message` of TokenDesk's
// own errors is for developers. Users are shown the error's catalogue entry instead
// (toUserError: "never an error's own message text"), reports and the CLI print that
// entry, and nothing logs the message. A mutant that only changes it changes nothing
// anyone can observe, so it is reported as ignored, with this reason, and left out of
// the score — rather than marked line by line.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

/** TokenDesk's errors (src/core) whose options object carries a developer `message`. */
const CODED_ERRORS = new Set(['TokenError', 'StorageError', 'InputError', 'CaError', 'NetworkError', 'X509Error']);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'DeveloperMessages', {
    shouldIgnore(path) {
      if (!path.isObjectProperty() || path.node.computed) return undefined;
      if (path.node.key.type !== 'Identifier' || path.node.key.name !== 'message') return undefined;
      const options = path.parentPath;
      const construction = options?.parentPath;
      if (!options?.isObjectExpression() || !construction?.isNewExpression()) return undefined;
      const callee = construction.node.callee;
      if (callee.type !== 'Identifier' || !CODED_ERRORS.has(callee.name) || construction.node.arguments[0] !== options.node) return undefined;
      return `The message of a ${callee.name} is for developers: users see its catalogue entry (toUserError), and nothing logs it`;
    },
  }),
];
