import { Role } from '@infrastructure/auth/principal';

/** Users of the demo identity provider (demo mode only). Centres by e-mail, institutions by code. */
export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  centreEmails?: string[];
  institutionCode?: string;
  municipalityAtvk?: string;
  descriptionLv: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Anna Administratore', roles: [Role.NetworkAdmin], descriptionLv: 'Tīkla administrators (VARAM / VDAA)' },
  { username: 'auditor', displayName: 'Andris Auditors', roles: [Role.Auditor], descriptionLv: 'Auditors: tikai lasīšana, audita žurnāls' },
  { username: 'coordinator.cesis', displayName: 'Kristīne Koordinatore', roles: [Role.MunicipalityCoordinator], municipalityAtvk: '0026000', descriptionLv: 'Cēsu novada koordinators' },
  { username: 'coordinator.dienvidkurzeme', displayName: 'Dainis Koordinators', roles: [Role.MunicipalityCoordinator], municipalityAtvk: '0027000', descriptionLv: 'Dienvidkurzemes novada koordinators' },
  { username: 'clerk.cesis', displayName: 'Laura Kalniņa', roles: [Role.Clerk], centreEmails: ['cesis@pakalpojumucentri.lv'], descriptionLv: 'Cēsu VPVKAC darbinieks' },
  { username: 'clerk.cesis2', displayName: 'Jānis Ozols', roles: [Role.Clerk], centreEmails: ['cesis@pakalpojumucentri.lv'], descriptionLv: 'Cēsu VPVKAC otrs darbinieks' },
  { username: 'clerk.grobina', displayName: 'Ilze Bērziņa', roles: [Role.Clerk], centreEmails: ['grobina@pakalpojumucentri.lv'], descriptionLv: 'Grobiņas VPVKAC darbinieks' },
  { username: 'clerk.aizpute-grobina', displayName: 'Pēteris Liepa', roles: [Role.Clerk], centreEmails: ['aizpute@pakalpojumucentri.lv', 'grobina@pakalpojumucentri.lv'], descriptionLv: 'Strādā Aizputē un Grobiņā' },
  { username: 'specialist.vsaa', displayName: 'Evija Speciāliste', roles: [Role.InstitutionSpecialist], institutionCode: 'VSAA', descriptionLv: 'VSAA speciālists (attālinātais ierēdnis)' },
  { username: 'specialist.vid', displayName: 'Mārtiņš Speciālists', roles: [Role.InstitutionSpecialist], institutionCode: 'VID', descriptionLv: 'VID speciālists' },
  { username: 'specialist.vzd', displayName: 'Zane Speciāliste', roles: [Role.InstitutionSpecialist], institutionCode: 'VZD', descriptionLv: 'VZD speciālists' },
  { username: 'integration.vsaa', displayName: 'VSAA lietvedības sistēma', roles: [Role.InstitutionIntegration], institutionCode: 'VSAA', descriptionLv: 'VSAA sistēmas klients (mašīna)' },
];
