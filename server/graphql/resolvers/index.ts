import type { Resolvers } from '../generated/resolvers-types';
import { actionResolvers } from './actions';
import { involvementResolvers } from './involvement';
import { attendanceResolvers, meetingResolvers } from './meetings';
import { boardResolvers, memberResolvers } from './members';
import { mutationResolvers, packQueryResolvers } from './packs';
import { projectResolvers, taskResolvers } from './projects';
import { annualReportResolvers, findingResolvers, queryResolvers } from './query';
import { DateScalar, enumResolvers } from './scalars';

/** Every resolver, typed from the SDL by codegen. Fields not listed read the record's property. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  ...enumResolvers,
  Query: { ...queryResolvers, ...packQueryResolvers },
  Mutation: mutationResolvers,
  Board: boardResolvers,
  Member: memberResolvers,
  Meeting: meetingResolvers,
  Attendance: attendanceResolvers,
  Action: actionResolvers,
  Project: projectResolvers,
  Task: taskResolvers,
  Finding: findingResolvers,
  AnnualReport: annualReportResolvers,
  ...involvementResolvers,
};
