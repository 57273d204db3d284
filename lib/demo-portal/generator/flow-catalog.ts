import type { DepartmentKey } from './departments';
import type { FailingCause } from './flow-causes';

/** A kind of flow a company like this runs: its settings and what its tasks are about. */
export type FlowArchetype = {
  name: string;
  department: DepartmentKey;
  /** One sentence on what the flow is for, the start of its description. */
  purpose: string;
  distributionType: 'manually' | 'queue' | 'himself';
  plannedHours: number;
  matchWorkTime: boolean;
  taskControl: boolean;
  /** Tasks come from a task template (templateId > 0), which keeps descriptions full. */
  template: boolean;
  /** Who may add tasks: anyone in the company, or the department itself. */
  creators: 'everyone' | 'department';
  teamSize: number;
  /** Relative number of tasks. */
  volume: number;
  /** Task title stems. */
  subjects: readonly string[];
  /** Sentences a full description is made of. */
  details: readonly string[];
};

const DAY_HOURS = 24;
const WEEK_HOURS = 7 * DAY_HOURS;

/** One flow per failing cause, plus the switched-off and the brand-new flow. */
export const causeArchetypes: Record<FailingCause | 'inactive' | 'empty', FlowArchetype> = {
  'overloaded-assignee': {
    name: 'Подготовка коммерческих предложений', department: 'sales', purpose: 'Коммерческие предложения и расчёты для клиентов по запросам менеджеров.',
    distributionType: 'queue', plannedHours: 2 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 5, volume: 1.2,
    subjects: ['Коммерческое предложение на поставку', 'Расчёт стоимости проекта', 'КП с индивидуальной скидкой', 'Обновить КП по новому прайсу', 'Предложение для тендера', 'Расчёт доставки и монтажа'],
    details: ['Клиент ждёт предложение до конца недели.', 'Объём и комплектация — во вложении.', 'Нужна скидка не более 7% по согласованию с коммерческим директором.', 'Приложить сроки поставки по каждой позиции.', 'Использовать шаблон КП 2026 года.'],
  },
  'planned-time-too-short': {
    name: 'Доработки корпоративного сайта', department: 'it', purpose: 'Изменения и исправления на корпоративном сайте и в личном кабинете клиента.',
    distributionType: 'himself', plannedHours: DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 4, volume: 1,
    subjects: ['Новая форма заявки на сайте', 'Исправить вёрстку страницы каталога', 'Интеграция сайта с CRM', 'Раздел вакансий на сайте', 'Ускорить загрузку главной страницы', 'Новый фильтр в каталоге'],
    details: ['Макет и тексты — во вложении.', 'Проверить отображение на мобильных устройствах.', 'После выкладки проверить отправку заявок в CRM.', 'Согласовать изменения с отделом маркетинга.'],
  },
  'slow-manual-distribution': {
    name: 'Согласование договоров', department: 'legal', purpose: 'Юридическая проверка и согласование договоров с клиентами и поставщиками.',
    distributionType: 'manually', plannedHours: 3 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 4, volume: 1,
    subjects: ['Согласовать договор поставки', 'Проверить договор оказания услуг', 'Протокол разногласий к договору', 'Дополнительное соглашение к договору', 'Договор аренды склада', 'Проверить NDA с партнёром'],
    details: ['Проект договора — во вложении, правки в режиме рецензирования.', 'Контрагент настаивает на своей редакции пункта об ответственности.', 'Нужно проверить полномочия подписанта.', 'Подписание запланировано на следующей неделе.'],
  },
  'review-bottleneck': {
    name: 'Заявки на закупку', department: 'procurement', purpose: 'Закупка товаров и материалов по заявкам подразделений.',
    distributionType: 'queue', plannedHours: 2 * DAY_HOURS, matchWorkTime: true, taskControl: true, template: true, creators: 'everyone', teamSize: 4, volume: 1,
    subjects: ['Закупить ноутбуки', 'Закупка расходных материалов', 'Заказать мебель в переговорную', 'Закупка упаковочных материалов', 'Запросить цены у трёх поставщиков', 'Закупить спецодежду'],
    details: ['Количество и характеристики — в приложенной спецификации.', 'Бюджет согласован с финансовым департаментом.', 'Нужны минимум три коммерческих предложения.', 'Доставка на основной склад.'],
  },
  'thin-descriptions': {
    name: 'Заявки на дизайн-макеты', department: 'marketing', purpose: 'Баннеры, презентации и макеты для подразделений.',
    distributionType: 'himself', plannedHours: 3 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: false, creators: 'everyone', teamSize: 3, volume: 1,
    subjects: ['Баннер для сайта', 'Макет листовки', 'Презентация для клиента', 'Обложка для соцсетей', 'Макет выставочного стенда', 'Шаблон письма для рассылки'],
    details: ['Размеры: 1200×628 и 1080×1080.', 'Использовать фирменные цвета и шрифты из брендбука.', 'Тексты для макета — во вложении.', 'Нужны два варианта на выбор.', 'Срок публикации — начало следующей недели.'],
  },
  'intake-spike': {
    name: 'Обращения клиентов', department: 'customer-care', purpose: 'Вопросы и жалобы клиентов из почты, чата и телефона.',
    distributionType: 'queue', plannedHours: DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 5, volume: 1.3,
    subjects: ['Клиент не получил заказ', 'Вопрос по счёту', 'Жалоба на качество товара', 'Изменить адрес доставки', 'Не приходит код подтверждения', 'Запрос документов по заказу'],
    details: ['Номер заказа и контакты клиента указаны ниже.', 'Клиент просит перезвонить до 18:00.', 'Переписка с клиентом — во вложении.', 'Ответить клиенту и зафиксировать решение в CRM.'],
  },
  'weekend-deadlines': {
    name: 'Отгрузки клиентам', department: 'logistics', purpose: 'Сборка и отгрузка заказов клиентам со склада.',
    distributionType: 'queue', plannedHours: 2 * DAY_HOURS, matchWorkTime: false, taskControl: false, template: true, creators: 'everyone', teamSize: 4, volume: 1.1,
    subjects: ['Отгрузить заказ', 'Собрать сборный заказ', 'Организовать доставку транспортной компанией', 'Отгрузка по предоплате', 'Подготовить документы на отгрузку', 'Срочная отгрузка'],
    details: ['Адрес доставки и контакт получателя — в заказе.', 'Груз паллетированный, нужна машина с гидробортом.', 'Документы: УПД и ТТН в двух экземплярах.', 'Клиент заберёт груз самовывозом.'],
  },
  inactive: {
    name: 'Адаптация новых сотрудников (архив)', department: 'hr', purpose: 'Задачи по выходу новых сотрудников: доступы, рабочее место, обучение.',
    distributionType: 'manually', plannedHours: WEEK_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'department', teamSize: 3, volume: 0.4,
    subjects: ['Выход нового сотрудника', 'План адаптации на испытательный срок', 'Вводное обучение', 'Встреча с наставником'],
    details: ['Дата выхода и должность — в карточке кандидата.', 'Подготовить рабочее место и доступы.', 'Назначить наставника из отдела.'],
  },
  empty: {
    name: 'Заявки на обучение', department: 'hr', purpose: 'Курсы, тренинги и конференции для сотрудников.',
    distributionType: 'himself', plannedHours: 2 * WEEK_HOURS, matchWorkTime: true, taskControl: true, template: false, creators: 'everyone', teamSize: 2, volume: 0,
    subjects: [], details: [],
  },
};

/** Healthy flows. The first three are in every company (one of each distribution type). */
export const healthyArchetypes: readonly FlowArchetype[] = [
  {
    name: 'Заявки в техподдержку', department: 'helpdesk', purpose: 'Неполадки с компьютерами, программами и связью.',
    distributionType: 'queue', plannedHours: 4, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 4, volume: 1.6,
    subjects: ['Не работает VPN', 'Не печатает принтер', 'Сбросить пароль', 'Не открывается 1С', 'Настроить почту на телефоне', 'Медленно работает компьютер', 'Нет доступа к общей папке'],
    details: ['Рабочее место: 3 этаж, кабинет 312.', 'Ошибка появляется после обновления.', 'Скриншот ошибки во вложении.', 'Удобно подключиться удалённо после 14:00.'],
  },
  {
    name: 'Оплата счетов поставщиков', department: 'accounting', purpose: 'Проверка и оплата входящих счетов.',
    distributionType: 'manually', plannedHours: 2 * DAY_HOURS, matchWorkTime: true, taskControl: true, template: true, creators: 'everyone', teamSize: 3, volume: 1.2,
    subjects: ['Оплатить счёт поставщика', 'Оплата аренды', 'Оплатить счёт за связь', 'Авансовый платёж по договору', 'Оплата транспортных услуг'],
    details: ['Счёт и договор — во вложении.', 'Оплата согласована руководителем подразделения.', 'Статья бюджета: операционные расходы.', 'Поставщик просит оплатить до пятницы.'],
  },
  {
    name: 'Публикации в соцсетях', department: 'marketing', purpose: 'Посты и новости компании в соцсетях.',
    distributionType: 'himself', plannedHours: 2 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: false, creators: 'everyone', teamSize: 3, volume: 0.9,
    subjects: ['Пост о новом продукте', 'Новость о выставке', 'Поздравление клиентов с праздником', 'Пост с кейсом клиента', 'Анонс вебинара'],
    details: ['Текст согласован с руководителем направления.', 'Фотографии — в общей папке маркетинга.', 'Опубликовать во всех соцсетях компании.', 'Добавить ссылку на страницу на сайте.'],
  },
  {
    name: 'Доступы к информационным системам', department: 'it', purpose: 'Выдача и отзыв доступов к 1С, CRM и сетевым папкам.',
    distributionType: 'himself', plannedHours: 8, matchWorkTime: false, taskControl: false, template: true, creators: 'everyone', teamSize: 3, volume: 1,
    subjects: ['Доступ к CRM для нового сотрудника', 'Доступ к базе 1С', 'Отключить доступы уволенного сотрудника', 'Доступ к сетевой папке отдела', 'Права администратора на ноутбук'],
    details: ['Доступ согласован руководителем отдела.', 'Роль: как у коллег по отделу.', 'Сотрудник выходит в понедельник.'],
  },
  {
    name: 'Закрывающие документы для клиентов', department: 'accounting', purpose: 'Акты, УПД и счета-фактуры по запросам клиентов.',
    distributionType: 'queue', plannedHours: 3 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 3, volume: 1,
    subjects: ['Акт сверки с клиентом', 'Отправить УПД клиенту', 'Исправить счёт-фактуру', 'Дубликат акта выполненных работ'],
    details: ['Реквизиты клиента — в карточке компании в CRM.', 'Отправить через ЭДО.', 'Период: прошлый квартал.'],
  },
  {
    name: 'Проверка контрагентов', department: 'legal', purpose: 'Проверка надёжности новых клиентов и поставщиков.',
    distributionType: 'queue', plannedHours: 2 * DAY_HOURS, matchWorkTime: true, taskControl: true, template: true, creators: 'everyone', teamSize: 3, volume: 0.8,
    subjects: ['Проверить нового поставщика', 'Проверка клиента перед отсрочкой платежа', 'Проверить контрагента по тендеру'],
    details: ['ИНН и наименование — в описании сделки.', 'Проверить арбитражные дела и долги.', 'Сумма сделки превышает 1 млн ₽.'],
  },
  {
    name: 'Подбор персонала', department: 'hr', purpose: 'Закрытие вакансий по заявкам руководителей.',
    distributionType: 'manually', plannedHours: 2 * WEEK_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 3, volume: 0.5,
    subjects: ['Вакансия: менеджер по продажам', 'Вакансия: бухгалтер', 'Вакансия: кладовщик', 'Вакансия: специалист поддержки', 'Вакансия: маркетолог'],
    details: ['Профиль вакансии согласован с руководителем.', 'Вилка зарплаты — в заявке.', 'Нужен опыт работы от двух лет.'],
  },
  {
    name: 'Справки и кадровые документы', department: 'hr', purpose: 'Справки, копии трудовых документов и заявления сотрудников.',
    distributionType: 'queue', plannedHours: DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 2, volume: 1,
    subjects: ['Справка с места работы', 'Справка 2-НДФЛ', 'Копия трудовой книжки', 'Оформить отпуск', 'Справка для визы'],
    details: ['Нужен оригинал с печатью.', 'Забрать можно в отделе кадров.', 'Период: последние 6 месяцев.'],
  },
  {
    name: 'Рассылки клиентам', department: 'marketing', purpose: 'Подготовка и запуск рассылок клиентам.',
    distributionType: 'queue', plannedHours: 3 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'department', teamSize: 3, volume: 0.7,
    subjects: ['Рассылка о новинках', 'Рассылка с акцией месяца', 'Приглашение на вебинар', 'Дайджест для партнёров'],
    details: ['Сегмент: активные клиенты за последний год.', 'Тексты и картинки — во вложении.', 'Отправка во вторник в 10:00.'],
  },
  {
    name: 'Счета и договоры для клиентов', department: 'sales', purpose: 'Выставление счетов и подготовка типовых договоров.',
    distributionType: 'queue', plannedHours: DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'department', teamSize: 3, volume: 1.1,
    subjects: ['Выставить счёт клиенту', 'Типовой договор для нового клиента', 'Счёт на предоплату', 'Продлить договор обслуживания'],
    details: ['Реквизиты клиента — в CRM.', 'Условия оплаты: 50% предоплата.', 'Отправить клиенту на почту и в ЭДО.'],
  },
  {
    name: 'Возвраты и рекламации', department: 'customer-care', purpose: 'Возвраты товара и претензии клиентов.',
    distributionType: 'manually', plannedHours: 3 * DAY_HOURS, matchWorkTime: true, taskControl: true, template: true, creators: 'everyone', teamSize: 3, volume: 0.9,
    subjects: ['Возврат товара', 'Претензия по качеству', 'Пересортица в заказе', 'Повреждение при доставке'],
    details: ['Фото повреждений — во вложении.', 'Клиент просит замену, а не возврат денег.', 'Номер заказа указан в теме письма.'],
  },
  {
    name: 'Канцелярия и хозтовары', department: 'facilities', purpose: 'Заказ канцтоваров, воды и хозяйственных товаров в офис.',
    distributionType: 'himself', plannedHours: 5 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: false, creators: 'everyone', teamSize: 2, volume: 0.6,
    subjects: ['Заказать бумагу для принтеров', 'Закончилась вода в кулере', 'Заказать канцтовары в отдел', 'Купить чайники на кухню'],
    details: ['Количество — по списку во вложении.', 'Доставка в офис на 2 этаж.', 'Удобно принять доставку до обеда.'],
  },
  {
    name: 'Командировки', department: 'facilities', purpose: 'Билеты, гостиницы и документы для командировок.',
    distributionType: 'manually', plannedHours: 3 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 2, volume: 0.6,
    subjects: ['Командировка в Москву', 'Командировка в Казань', 'Билеты на выставку', 'Гостиница для партнёров'],
    details: ['Даты поездки и цель — в заявке.', 'Бюджет согласован руководителем.', 'Нужен ранний рейс.'],
  },
  {
    name: 'Пропуска для посетителей', department: 'facilities', purpose: 'Пропуска в бизнес-центр для гостей и курьеров.',
    distributionType: 'queue', plannedHours: 4, matchWorkTime: false, taskControl: false, template: false, creators: 'everyone', teamSize: 2, volume: 0.8,
    subjects: ['Пропуск для гостя', 'Пропуск для курьера', 'Пропуск на автомобиль', 'Пропуска для участников встречи'],
    details: ['ФИО гостей и время визита — ниже.', 'Гости приедут к 11:00.', 'Машина: госномер указан в заявке.'],
  },
  {
    name: 'Инвентаризация склада', department: 'logistics', purpose: 'Плановые и внеплановые инвентаризации товарных остатков.',
    distributionType: 'queue', plannedHours: WEEK_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'department', teamSize: 3, volume: 0.4,
    subjects: ['Инвентаризация зоны хранения', 'Пересчёт остатков по артикулу', 'Сверка остатков с 1С'],
    details: ['Зона: стеллажи A1–A12.', 'Результаты внести в 1С.', 'Расхождения согласовать с руководителем склада.'],
  },
  {
    name: 'Аналитические отчёты для руководства', department: 'finance', purpose: 'Отчёты и расчёты для руководства компании.',
    distributionType: 'manually', plannedHours: WEEK_HOURS, matchWorkTime: true, taskControl: true, template: true, creators: 'everyone', teamSize: 3, volume: 0.5,
    subjects: ['Отчёт по выручке за месяц', 'Анализ дебиторской задолженности', 'Прогноз движения денежных средств', 'Маржинальность по клиентам'],
    details: ['Данные взять из 1С и CRM.', 'Формат — как в прошлом месяце.', 'Отчёт нужен к совещанию в понедельник.'],
  },
  {
    name: 'Обновление прайс-листов', department: 'sales', purpose: 'Изменения цен и прайс-листов для клиентов.',
    distributionType: 'himself', plannedHours: 2 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: false, creators: 'department', teamSize: 3, volume: 0.6,
    subjects: ['Обновить прайс-лист для дилеров', 'Новые цены поставщика', 'Прайс-лист для выставки'],
    details: ['Новые цены — в таблице во вложении.', 'Согласовать наценку с коммерческим директором.', 'Разослать прайс менеджерам.'],
  },
  {
    name: 'Настройка рабочих мест', department: 'helpdesk', purpose: 'Рабочие места для новых сотрудников и переезды.',
    distributionType: 'queue', plannedHours: DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 3, volume: 0.8,
    subjects: ['Рабочее место для нового сотрудника', 'Переезд отдела на другой этаж', 'Подключить второй монитор', 'Установить программы'],
    details: ['Сотрудник выходит в понедельник.', 'Кабинет и номер стола — в заявке.', 'Список программ — как у коллег по отделу.'],
  },
  {
    name: 'Перевод документов', department: 'legal', purpose: 'Переводы договоров и писем для иностранных партнёров.',
    distributionType: 'himself', plannedHours: 5 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: false, creators: 'everyone', teamSize: 2, volume: 0.4,
    subjects: ['Перевести договор на английский', 'Перевод письма партнёра', 'Перевод сертификата соответствия'],
    details: ['Оригинал — во вложении.', 'Нужен юридически точный перевод.', 'Объём около 10 страниц.'],
  },
  {
    name: 'Согласование макетов упаковки', department: 'marketing', purpose: 'Дизайн и согласование упаковки новых товаров.',
    distributionType: 'manually', plannedHours: 2 * WEEK_HOURS, matchWorkTime: true, taskControl: true, template: true, creators: 'everyone', teamSize: 2, volume: 0.3,
    subjects: ['Макет упаковки новой серии', 'Обновить этикетку', 'Упаковка для подарочного набора'],
    details: ['Техтребования типографии — во вложении.', 'Согласовать с юристами маркировку.', 'Тираж — 5000 штук.'],
  },
  {
    name: 'Закупка программного обеспечения', department: 'it', purpose: 'Подбор, закупка и продление лицензий на программы.',
    distributionType: 'manually', plannedHours: 3 * WEEK_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 2, volume: 0.3,
    subjects: ['Продлить лицензии антивируса', 'Подобрать сервис видеоконференций', 'Купить лицензии офисного пакета'],
    details: ['Количество лицензий — по числу сотрудников отдела.', 'Сравнить минимум три варианта.', 'Бюджет согласован.'],
  },
  {
    name: 'Сверка взаиморасчётов с поставщиками', department: 'accounting', purpose: 'Ежемесячные сверки с поставщиками.',
    distributionType: 'queue', plannedHours: WEEK_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'department', teamSize: 2, volume: 0.5,
    subjects: ['Сверка с поставщиком за квартал', 'Акт сверки по аренде', 'Сверка по транспортным услугам'],
    details: ['Период сверки — прошлый квартал.', 'Расхождения выделить цветом.', 'Отправить акт через ЭДО.'],
  },
  {
    name: 'Презентации для клиентов', department: 'key-accounts', purpose: 'Презентации и материалы для встреч с ключевыми клиентами.',
    distributionType: 'himself', plannedHours: 3 * DAY_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'department', teamSize: 2, volume: 0.6,
    subjects: ['Презентация к встрече с клиентом', 'Отчёт о результатах за год для клиента', 'Материалы к переговорам'],
    details: ['Встреча запланирована на четверг.', 'Использовать фирменный шаблон презентации.', 'Добавить цифры продаж за год.'],
  },
  {
    name: 'Бюджеты подразделений', department: 'finance', purpose: 'Планирование и корректировка бюджетов отделов.',
    distributionType: 'queue', plannedHours: 2 * WEEK_HOURS, matchWorkTime: true, taskControl: false, template: true, creators: 'everyone', teamSize: 2, volume: 0.3,
    subjects: ['Бюджет отдела на квартал', 'Корректировка бюджета', 'План расходов на следующий год'],
    details: ['Шаблон бюджета — во вложении.', 'Учесть индексацию зарплат.', 'Сдать до 25 числа.'],
  },
];

/** How many of the healthy archetypes every company has. */
export const CORE_HEALTHY_COUNT = 3;
