import { z } from 'zod';

/**
 * A company the demo portal serves, in the portal's own REST shapes (users as `user.get`
 * returns them). The dataset grows with the portal: flows, tasks, departments and history join
 * it in the Bitrix24 client work.
 */
export const portalUserSchema = z.object({
  ID: z.string().regex(/^\d+$/),
  ACTIVE: z.boolean(),
  NAME: z.string(),
  LAST_NAME: z.string(),
  EMAIL: z.string().optional(),
  WORK_POSITION: z.string().optional(),
  UF_DEPARTMENT: z.array(z.number().int()).default([]),
});

export const demoCompanySchema = z.object({
  memberId: z.string().min(1),
  domain: z.string().min(1),
  users: z.array(portalUserSchema),
});

export type PortalUser = z.infer<typeof portalUserSchema>;
export type DemoCompany = z.infer<typeof demoCompanySchema>;
