/**
 * Generates the resolver types from the SDL (`npm run codegen`, run by `npm run typecheck`).
 * Records from `schema/` are the parent types, and enums are typed as the sheet's own values,
 * so resolvers are checked against both the SDL and the parsed workbook.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { GRAPHQL_ENUMS } from './schema/graphql/enums';

const records = '../../../schema/records';
const config: CodegenConfig = {
  schema: 'schema/graphql/*.graphql',
  generates: {
    // A declaration file: it holds types only, and codegen re-exports the enum types with a plain
    // `export { ActionStatus }`, which verbatimModuleSyntax accepts only in declarations.
    'server/graphql/generated/resolvers-types.d.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        mapperTypeSuffix: 'Model',
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string' },
        contextType: '../context#BoardContext',
        // Each enum is typed as its sheet values (`ActionStatusValue` = 'Open' | 'In progress'...).
        // Per-value maps would say the same, but codegen types those as null (issue #10204).
        enumValues: Object.fromEntries(
          Object.keys(GRAPHQL_ENUMS).map((name) => [
            name,
            `../../../schema/graphql/enums#${name}Value`,
          ]),
        ),
        mappers: {
          Member: `${records}#Member`,
          Meeting: `${records}#Meeting`,
          Attendance: `${records}#Attendance`,
          Action: `${records}#Action`,
          Project: `${records}#Project`,
          Task: `${records}#Task`,
          FeedbackItem: `${records}#Feedback`,
          InvolvementSummary: '../parents#InvolvementParent',
          ConstituencyInvolvement: '../parents#ConstituencyInvolvementParent',
          MemberInvolvement: '../../../schema/rules/r16-reciprocity-totals#MemberInvolvement',
          DataIssue: '../../../schema/issues#DataIssue',
          FollowUp: '../../../schema/rules#FollowUp',
          FollowUpItem: '../../../schema/rules#FollowUpItem',
          AnnualReport: '../../../schema/rules#AnnualReport',
          Finding: '../parents#FindingParent',
          Board: '../parents#BoardParent',
          CirculationPack: '../../../schema/packs/types#CirculationPack',
        },
      },
    },
  },
};

export default config;
