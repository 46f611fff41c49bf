import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLEnumType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { enumValueName, GRAPHQL_ENUMS } from '../schema/graphql/enums';

const schema = buildSchema(
  readFileSync(new URL('../schema/graphql/board.graphql', import.meta.url), 'utf8'),
);

function fieldsOf(name: string): string[] {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLObjectType)) throw new Error(`${name} is not an object type`);
  return Object.keys(type.getFields());
}

describe('GraphQL schema (DESIGN §4)', () => {
  it('declares each enum with exactly the sheet values in UPPER_SNAKE', () => {
    for (const [name, values] of Object.entries(GRAPHQL_ENUMS)) {
      const type = schema.getType(name);
      expect(type, name).toBeInstanceOf(GraphQLEnumType);
      const declared = (type as GraphQLEnumType).getValues().map((value) => value.name);
      expect(declared.sort(), name).toEqual(values.map(enumValueName).sort());
    }
    const sdlEnums = Object.values(schema.getTypeMap())
      .filter((type) => type instanceof GraphQLEnumType && !type.name.startsWith('__'))
      .map((type) => type.name);
    expect(sdlEnums.sort()).toEqual(Object.keys(GRAPHQL_ENUMS).sort());
  });

  it('spells enum values as the contract does', () => {
    expect(enumValueName('Resident co-chair')).toBe('RESIDENT_CO_CHAIR');
    expect(enumValueName('In progress')).toBe('IN_PROGRESS');
    expect(enumValueName('Pre-initiation')).toBe('PRE_INITIATION');
  });

  it('has the fixed queries and their arguments', () => {
    const query = schema.getQueryType();
    const fields = query?.getFields() ?? {};
    const args = (field: string) => fields[field]?.args.map((arg) => arg.name);
    expect(Object.keys(fields).sort()).toEqual(
      [
        'board',
        'members',
        'member',
        'meetings',
        'meeting',
        'actions',
        'followUp',
        'projects',
        'project',
        'membershipCheck',
        'dataIssues',
        'annualReport',
        'circulationPack',
        'involvement',
        'feedback',
      ].sort(),
    );
    expect(args('involvement')).toEqual(['from', 'to', 'memberId', 'projectId']);
    expect(args('feedback')).toEqual(['status', 'from', 'to']);
    expect(args('members')).toEqual(['status', 'constituency', 'serviceArea']);
    expect(args('meetings')).toEqual(['from', 'to', 'status']);
    expect(args('actions')).toEqual([
      'status',
      'ownerId',
      'projectId',
      'overdueOn',
      'first',
      'after',
    ]);
    expect(fields.actions?.args.find((arg) => arg.name === 'first')?.defaultValue).toBe(50);
    expect(args('followUp')).toEqual(['meetingId']);
    expect(args('annualReport')).toEqual(['from', 'to']);
    expect(args('circulationPack')).toEqual(['meetingId', 'audience', 'format', 'easyRead']);
    const pack = fields.circulationPack?.args ?? [];
    expect(pack.find((arg) => arg.name === 'format')?.defaultValue).toBe('HTML');
    expect(pack.find((arg) => arg.name === 'easyRead')?.defaultValue).toBe(false);
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(['recordCirculation']);
  });

  it('has the fixed fields of each type', () => {
    const fixed: Record<string, string[]> = {
      Board: ['name', 'memberCap', 'activeMemberCount', 'coChairs', 'balance', 'nextMeeting'],
      Member: [
        'id',
        'name',
        'role',
        'category',
        'constituency',
        'organisation',
        'serviceAreas',
        'termStart',
        'termEnd',
        'status',
        'email',
        'phone',
        'preferredFormat',
        'notes',
      ],
      Meeting: [
        'id',
        'date',
        'status',
        'topics',
        'minuteTaker',
        'deputyCoChair',
        'circulateToDmt',
        'attendance',
        'invitees',
        'actionsRaised',
      ],
      Attendance: ['member', 'attendance', 'deputisingFor'],
      Action: [
        'id',
        'description',
        'owners',
        'dueDate',
        'status',
        'overdue',
        'meeting',
        'project',
        'lastFollowedUp',
      ],
      ActionConnection: ['edges', 'pageInfo', 'totalCount'],
      ActionEdge: ['node', 'cursor'],
      FollowUp: ['meeting', 'items'],
      FollowUpItem: ['action', 'reasons'],
      Finding: ['rule', 'severity', 'message', 'memberIds'],
      DataIssue: ['sheet', 'cell', 'message', 'severity'],
      CirculationPack: ['meetingId', 'audience', 'format', 'content', 'sha256'],
    };
    for (const [type, fields] of Object.entries(fixed)) {
      expect(fieldsOf(type), type).toEqual(expect.arrayContaining(fields));
    }
  });
});
