import type { CompanyIdentity } from './people';

export type PortalIdentity = CompanyIdentity & { portalDomain: string };

/** The companies a seed can produce: the root department's name, the portal and the mail domain. */
export const companyIdentities: readonly PortalIdentity[] = [
  { name: 'ООО «Северный ветер»', portalDomain: 'severny-veter.bitrix24.ru', emailDomain: 'severny-veter.ru' },
  { name: 'ООО «Техностиль»', portalDomain: 'tekhnostil.bitrix24.ru', emailDomain: 'tekhnostil.ru' },
  { name: 'АО «Волга-Логистик»', portalDomain: 'volga-logistic.bitrix24.ru', emailDomain: 'volga-logistic.ru' },
  { name: 'ООО «Кедр Групп»', portalDomain: 'kedr-group.bitrix24.ru', emailDomain: 'kedr-group.ru' },
];
