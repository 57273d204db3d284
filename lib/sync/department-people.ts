/**
 * Who a department stands for in a flow's team or responsible list: `17:F` is that department's
 * own people, `17` adds every sub-department below it (b24restdocs
 * `api-reference/tasks/flow/tasks-flow-flow-create.md`). Read from the mirrored structure and
 * employees; dismissed people are nobody's team.
 */
export type DepartmentPeople = (departmentId: number, withSubDepartments: boolean) => number[];

export function departmentPeople(
  departments: { bitrixDepartmentId: number; parentId: number | null }[],
  employees: { bitrixUserId: number; departmentIds: number[]; active: boolean }[],
): DepartmentPeople {
  const children = new Map<number, number[]>();
  for (const { bitrixDepartmentId, parentId } of departments) {
    if (parentId !== null) children.set(parentId, [...(children.get(parentId) ?? []), bitrixDepartmentId]);
  }
  const members = new Map<number, number[]>();
  for (const employee of employees) {
    if (!employee.active) continue;
    for (const id of employee.departmentIds) members.set(id, [...(members.get(id) ?? []), employee.bitrixUserId]);
  }
  return (departmentId, withSubDepartments) => {
    const seen = new Set<number>();
    const pending = [departmentId];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      if (withSubDepartments) pending.push(...(children.get(id) ?? []));
    }
    return [...new Set([...seen].flatMap((id) => members.get(id) ?? []))];
  };
}
