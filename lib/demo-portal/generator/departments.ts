/**
 * The company's structure: a fixed tree of departments (department.get shape once built), each
 * with the staff it needs at least, its share of the rest, and the work positions people hold
 * in it. Flows refer to departments by key.
 */
export type DepartmentKey =
  | 'company'
  | 'sales'
  | 'key-accounts'
  | 'customer-care'
  | 'it'
  | 'helpdesk'
  | 'finance'
  | 'accounting'
  | 'legal'
  | 'hr'
  | 'marketing'
  | 'procurement'
  | 'logistics'
  | 'facilities';

export type DepartmentSpec = {
  key: DepartmentKey;
  id: number;
  /** The root's name is the company's, set per company. */
  name: string;
  parent: DepartmentKey | null;
  /** Active staff the department's flows need (its head included). */
  minimumStaff: number;
  /** Its share of the staff beyond the minimums. */
  weight: number;
  headPosition: string;
  positions: readonly string[];
};

export const departmentSpecs: readonly DepartmentSpec[] = [
  {
    key: 'company',
    id: 1,
    name: '',
    parent: null,
    minimumStaff: 1,
    weight: 0.3,
    headPosition: 'Генеральный директор',
    positions: ['Заместитель генерального директора', 'Помощник руководителя'],
  },
  {
    key: 'sales',
    id: 2,
    name: 'Отдел продаж',
    parent: 'company',
    minimumStaff: 4,
    weight: 3,
    headPosition: 'Коммерческий директор',
    positions: ['Менеджер по продажам', 'Старший менеджер по продажам', 'Специалист по тендерам'],
  },
  {
    key: 'key-accounts',
    id: 3,
    name: 'Отдел по работе с ключевыми клиентами',
    parent: 'sales',
    minimumStaff: 2,
    weight: 1.2,
    headPosition: 'Руководитель отдела по работе с ключевыми клиентами',
    positions: ['Менеджер по работе с ключевыми клиентами', 'Аккаунт-менеджер'],
  },
  {
    key: 'customer-care',
    id: 4,
    name: 'Служба поддержки клиентов',
    parent: 'company',
    minimumStaff: 5,
    weight: 2.5,
    headPosition: 'Руководитель службы поддержки',
    positions: ['Специалист поддержки клиентов', 'Старший специалист поддержки', 'Оператор контакт-центра'],
  },
  {
    key: 'it',
    id: 5,
    name: 'ИТ-отдел',
    parent: 'company',
    minimumStaff: 2,
    weight: 1.2,
    headPosition: 'ИТ-директор',
    positions: ['Системный администратор', 'Программист 1С', 'Веб-разработчик'],
  },
  {
    key: 'helpdesk',
    id: 6,
    name: 'Техническая поддержка',
    parent: 'it',
    minimumStaff: 3,
    weight: 1.5,
    headPosition: 'Руководитель группы техподдержки',
    positions: ['Инженер техподдержки', 'Специалист технической поддержки'],
  },
  {
    key: 'finance',
    id: 7,
    name: 'Финансовый департамент',
    parent: 'company',
    minimumStaff: 1,
    weight: 0.6,
    headPosition: 'Финансовый директор',
    positions: ['Финансовый аналитик', 'Экономист'],
  },
  {
    key: 'accounting',
    id: 8,
    name: 'Бухгалтерия',
    parent: 'finance',
    minimumStaff: 3,
    weight: 1.5,
    headPosition: 'Главный бухгалтер',
    positions: ['Бухгалтер', 'Бухгалтер по расчётам с поставщиками', 'Бухгалтер по заработной плате'],
  },
  {
    key: 'legal',
    id: 9,
    name: 'Юридический отдел',
    parent: 'company',
    minimumStaff: 3,
    weight: 0.8,
    headPosition: 'Начальник юридического отдела',
    positions: ['Юрист', 'Старший юрист', 'Специалист по договорной работе'],
  },
  {
    key: 'hr',
    id: 10,
    name: 'Отдел кадров',
    parent: 'company',
    minimumStaff: 2,
    weight: 0.8,
    headPosition: 'Директор по персоналу',
    positions: ['Менеджер по персоналу', 'Специалист по кадровому делопроизводству', 'Рекрутер'],
  },
  {
    key: 'marketing',
    id: 11,
    name: 'Отдел маркетинга',
    parent: 'company',
    minimumStaff: 3,
    weight: 1.2,
    headPosition: 'Директор по маркетингу',
    positions: ['Маркетолог', 'Дизайнер', 'SMM-менеджер', 'Контент-менеджер'],
  },
  {
    key: 'procurement',
    id: 12,
    name: 'Отдел закупок',
    parent: 'company',
    minimumStaff: 3,
    weight: 1,
    headPosition: 'Начальник отдела закупок',
    positions: ['Менеджер по закупкам', 'Специалист по закупкам'],
  },
  {
    key: 'logistics',
    id: 13,
    name: 'Логистика и склад',
    parent: 'company',
    minimumStaff: 3,
    weight: 2,
    headPosition: 'Руководитель отдела логистики',
    positions: ['Логист', 'Кладовщик', 'Диспетчер по отгрузкам'],
  },
  {
    key: 'facilities',
    id: 14,
    name: 'Административно-хозяйственный отдел',
    parent: 'company',
    minimumStaff: 3,
    weight: 0.6,
    headPosition: 'Руководитель АХО',
    positions: ['Офис-менеджер', 'Администратор', 'Специалист АХО'],
  },
];

export function departmentSpec(key: DepartmentKey): DepartmentSpec {
  const spec = departmentSpecs.find((candidate) => candidate.key === key);
  if (!spec) throw new Error(`Unknown department ${key}`);
  return spec;
}

/** The department and every department under it, as `["department","17"]` in a flow means. */
export function departmentSubtree(key: DepartmentKey): DepartmentKey[] {
  const keys: DepartmentKey[] = [key];
  for (let i = 0; i < keys.length; i++) {
    for (const spec of departmentSpecs) if (spec.parent === keys[i]) keys.push(spec.key);
  }
  return keys;
}
