import type { FlowArchetype } from './flow-catalog';
import type { Random } from './random';

const counterparties = [
  'ООО «Альфа-Строй»',
  'АО «Восток-Агро»',
  'ИП Соколова Е. В.',
  'ООО «Медиа Плюс»',
  'ООО «ТрансЛайн»',
  'АО «Северсталь-Сервис»',
  'ООО «Кондитерская фабрика „Заря“»',
  'ООО «ТехноПарк»',
  'ООО «Уральские окна»',
  'ООО «Бест Логистик»',
];
const withCounterparty = new Set([
  'sales',
  'key-accounts',
  'legal',
  'logistics',
  'procurement',
  'accounting',
  'customer-care',
]);
const thinDescriptions = [
  '',
  '',
  '',
  'Срочно',
  'см. вложение',
  'Сделайте, пожалуйста',
  'Как обсуждали',
  'Нужно к пятнице',
  'Подробности устно',
  'Очень нужно',
];

/** The title and description a person would write for one of the flow's tasks. */
export function taskTexts(
  archetype: FlowArchetype,
  thin: boolean,
  random: Random,
): { title: string; description: string } {
  const subject = random.pick(archetype.subjects);
  const title =
    withCounterparty.has(archetype.department) && random.chance(0.5)
      ? `${subject} — ${random.pick(counterparties)}`
      : subject;
  if (thin) return { title, description: random.pick(thinDescriptions) };
  // Two different details, drawn without copying the list (this runs for every task).
  const count = archetype.details.length;
  const first = random.int(0, count - 1);
  const second = (first + random.int(1, Math.max(1, count - 1))) % count;
  const details =
    first === second ? archetype.details[first] : `${archetype.details[first]} ${archetype.details[second]}`;
  // Template tasks keep the template's headings (BBCode, as the portal stores descriptions).
  const description = archetype.template
    ? `[B]Что нужно сделать:[/B] ${subject.toLowerCase()}.\n[B]Подробности:[/B] ${details}\n[B]Ожидаемый результат:[/B] задача выполнена, результат приложен к задаче.`
    : `${subject}. ${details} Если что-то непонятно — пишите в комментариях к задаче.`;
  return { title, description };
}
