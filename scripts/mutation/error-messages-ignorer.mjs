/**
 * A Stryker ignorer for `npm run mutation` (stryker.config.mjs): the message of an error is text for
 * people, so a mutant that only rewrites it says nothing about the tests. In this code an error's
 * message is the last argument of its constructor (`new RangeError(message)`,
 * `new WebhookUrlError(reason, message)`); the arguments before it (a reason code, the offending
 * text) are behaviour and stay mutated.
 */
const isErrorConstructor = (callee) => callee.type === 'Identifier' && /Error$/.test(callee.name);

const errorMessages = {
  shouldIgnore(path) {
    if (!path.isStringLiteral() && !path.isTemplateLiteral()) return undefined;
    const parent = path.parentPath;
    if (!parent?.isNewExpression() || !isErrorConstructor(parent.node.callee)) return undefined;
    const args = parent.node.arguments;
    return args[args.length - 1] === path.node ? 'error message text' : undefined;
  },
};

// The plugin shape of @stryker-mutator/api's declareValuePlugin(PluginKind.Ignore, ...).
export const strykerPlugins = [{ kind: 'Ignore', name: 'error-messages', value: errorMessages }];
