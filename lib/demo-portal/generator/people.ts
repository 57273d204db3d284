import type { Department, PortalUser } from '../company';
import { departmentSpec, departmentSpecs, departmentSubtree, type DepartmentKey } from './departments';
import { DAY, HOUR, formatPortalDate, localMidnight, type PortalClock } from './portal-time';
import type { Random } from './random';
import { largestRemainder, weightedIndex } from './shares';
import {
  femaleFirstNames,
  femaleSurname,
  maleFirstNames,
  patronymics,
  surnames,
  transliterate,
  type Gender,
} from './russian-names';

export type Employee = {
  id: number;
  firstName: string;
  lastName: string;
  secondName: string;
  gender: Gender;
  email: string;
  position: string;
  home: DepartmentKey;
  /** UF_DEPARTMENT: the home department first, for a few people a second one. */
  departmentIds: number[];
  active: boolean;
  /** When a dismissed employee left; tasks they created are older. */
  dismissedAt: number | null;
  registeredAt: number;
};

export type Staff = {
  /** Ordered by id. */
  employees: Employee[];
  head(key: DepartmentKey): Employee;
  /** Active people of the department and the departments under it. */
  activeMembers(key: DepartmentKey): Employee[];
};

export type CompanyIdentity = { name: string; emailDomain: string };

const DISMISSED_SHARE = 0.06;
const SECOND_DEPARTMENT_SHARE = 0.07;

/** Hires `size` people (40–200): every department gets its minimum and a weighted share of the rest. */
export function hireStaff(
  random: Random,
  size: number,
  identity: CompanyIdentity,
  asOf: number,
  clock: PortalClock,
): Staff {
  const dismissedCount = Math.max(2, Math.round(size * DISMISSED_SHARE));
  const activeCount = size - dismissedCount;
  const headcount = splitHeadcount(random, activeCount);
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const people: Employee[] = [];
  const heads = new Map<DepartmentKey, Employee>();

  const hire = (home: DepartmentKey, position: string, dismissed: boolean): Employee => {
    const gender: Gender = random.chance(0.5) ? 'male' : 'female';
    let firstName: string;
    let lastName: string;
    do {
      firstName = random.pick(gender === 'male' ? maleFirstNames : femaleFirstNames);
      const surname = random.pick(surnames);
      lastName = gender === 'male' ? surname : femaleSurname(surname);
    } while (usedNames.has(`${firstName} ${lastName}`));
    usedNames.add(`${firstName} ${lastName}`);
    const patronymic = random.pick(patronymics);
    const hiredDaysAgo = random.int(200, 2600);
    const registeredAt = localMidnight(asOf - hiredDaysAgo * DAY, clock) + 9 * HOUR + random.int(0, 7200);
    return {
      id: 0,
      firstName,
      lastName,
      secondName: gender === 'male' ? patronymic[0] : patronymic[1],
      gender,
      email: uniqueEmail(firstName, lastName, identity.emailDomain, usedEmails),
      position,
      home,
      departmentIds: [departmentSpec(home).id],
      active: !dismissed,
      dismissedAt: dismissed ? asOf - random.int(20, 140) * DAY - random.int(0, 8 * HOUR) : null,
      registeredAt,
    };
  };

  for (const spec of departmentSpecs) {
    const head = hire(spec.key, spec.headPosition, false);
    heads.set(spec.key, head);
    people.push(head);
    for (let i = 1; i < (headcount.get(spec.key) ?? 0); i++)
      people.push(hire(spec.key, random.pick(spec.positions), false));
  }
  const weights = departmentSpecs.map((spec) => spec.weight);
  for (let i = 0; i < dismissedCount; i++) {
    const spec = departmentSpecs[weightedIndex(random, weights)] ?? departmentSpec('company');
    people.push(hire(spec.key, random.pick(spec.positions), true));
  }

  // Some people belong to two departments (a support engineer who also sits in IT, say).
  const headSet = new Set(heads.values());
  const ordinary = people.filter((person) => person.active && !headSet.has(person));
  const secondCount = Math.max(2, Math.round(activeCount * SECOND_DEPARTMENT_SHARE));
  for (const person of random.shuffled(ordinary).slice(0, secondCount)) {
    const other = random.pick(departmentSpecs.filter((spec) => spec.key !== person.home && spec.key !== 'company'));
    person.departmentIds.push(other.id);
  }

  // The CEO is user 1, the portal's first admin and its first user; ids of the others follow
  // no department order.
  const ceo = heads.get('company');
  const employees = [
    ...people.filter((person) => person === ceo),
    ...random.shuffled(people.filter((person) => person !== ceo)),
  ];
  employees.forEach((person, index) => (person.id = index + 1));
  if (ceo) ceo.registeredAt = Math.min(...people.map((person) => person.registeredAt)) - 30 * DAY;
  return staffOf(employees, heads);
}

function staffOf(employees: Employee[], heads: Map<DepartmentKey, Employee>): Staff {
  const active = employees.filter((employee) => employee.active);
  const members = new Map<DepartmentKey, Employee[]>();
  for (const spec of departmentSpecs) {
    const ids = new Set(departmentSubtree(spec.key).map((key) => departmentSpec(key).id));
    members.set(
      spec.key,
      active.filter((employee) => employee.departmentIds.some((id) => ids.has(id))),
    );
  }
  return {
    employees,
    head: (key) => {
      const head = heads.get(key);
      if (!head) throw new Error(`No head for ${key}`);
      return head;
    },
    activeMembers: (key) => members.get(key) ?? [],
  };
}

/** Active headcount per department: the minimums, then the rest by weight (largest remainder). */
function splitHeadcount(random: Random, activeCount: number): Map<DepartmentKey, number> {
  const counts = new Map(departmentSpecs.map((spec) => [spec.key, spec.minimumStaff]));
  const minimum = departmentSpecs.reduce((sum, spec) => sum + spec.minimumStaff, 0);
  if (activeCount < minimum) throw new Error(`A company needs at least ${minimum} active employees`);
  const weights = departmentSpecs.map((spec) => spec.weight * random.between(0.8, 1.25));
  for (const [index, extra] of largestRemainder(weights, activeCount - minimum).entries()) {
    const key = departmentSpecs[index]?.key;
    if (key) counts.set(key, (counts.get(key) ?? 0) + extra);
  }
  return counts;
}

function uniqueEmail(firstName: string, lastName: string, domain: string, used: Set<string>): string {
  const local = `${transliterate(firstName).slice(0, 1)}.${transliterate(lastName)}`;
  let email = `${local}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
  used.add(email);
  return email;
}

export function userRecord(employee: Employee, clock: PortalClock): PortalUser {
  return {
    ID: String(employee.id),
    ACTIVE: employee.active,
    NAME: employee.firstName,
    LAST_NAME: employee.lastName,
    SECOND_NAME: employee.secondName,
    // Many real profiles leave the gender empty: every fifth person here does too, so the name's
    // own gender is used as well.
    PERSONAL_GENDER: employee.id % 5 === 0 ? '' : employee.gender === 'male' ? 'M' : 'F',
    EMAIL: employee.email,
    WORK_POSITION: employee.position,
    UF_DEPARTMENT: employee.departmentIds,
    USER_TYPE: 'employee',
    PERSONAL_PHOTO: null,
    DATE_REGISTER: formatPortalDate(employee.registeredAt, clock),
  };
}

export function departmentRecords(identity: CompanyIdentity, staff: Staff): Department[] {
  return departmentSpecs.map((spec, index) => ({
    ID: String(spec.id),
    NAME: spec.key === 'company' ? identity.name : spec.name,
    SORT: (index + 1) * 100,
    ...(spec.parent ? { PARENT: String(departmentSpec(spec.parent).id) } : {}),
    UF_HEAD: String(staff.head(spec.key).id),
  }));
}
