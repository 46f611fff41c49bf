/**
 * graphql-js reports a bad argument value as `Expected value of type "Date", found "2024-13-01"`
 * without saying which argument it was. This replaces that rule with the same rule whose
 * messages start with the argument's name, so people can see which one to fix.
 */
import {
  type ASTVisitor,
  GraphQLError,
  specifiedRules,
  type ValidationContext,
  type ValidationRule,
  ValuesOfCorrectTypeRule,
  visitInParallel,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const NamedArgumentValuesRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let argument: string | null = null;
  const naming = Object.create(context, {
    reportError: {
      value: (error: GraphQLError) =>
        context.reportError(
          argument === null
            ? error
            : new GraphQLError(`Argument "${argument}": ${error.message}`, {
                nodes: error.nodes,
                originalError: error.originalError,
                extensions: { code: 'BAD_USER_INPUT', argument },
              }),
        ),
    },
  }) as ValidationContext;
  return visitInParallel([
    {
      Argument: {
        enter(node) {
          argument = node.name.value;
        },
        leave() {
          argument = null;
        },
      },
    },
    ValuesOfCorrectTypeRule(naming),
  ]);
};

export function namedArgumentErrors(): Plugin {
  return {
    onValidate({ setValidationFn, validateFn }) {
      // Map the rules given at call time: other plugins add theirs after this one has run.
      setValidationFn((schema, document, rules, ...rest) => {
        const given: readonly ValidationRule[] = rules ?? specifiedRules;
        const named = given.map((rule) =>
          rule === ValuesOfCorrectTypeRule ? NamedArgumentValuesRule : rule,
        );
        return validateFn(schema, document, named, ...rest);
      });
    },
  };
}
