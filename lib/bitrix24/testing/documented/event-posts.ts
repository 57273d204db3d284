import type { DocumentedPost } from './documented-answer';

/**
 * What Bitrix24 posts to an event handler: the task events, ONAPPINSTALL, ONAPPUNINSTALL.
 * The docs print them as JSON; Bitrix24 posts them form-encoded with PHP brackets.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

export const onTaskAdd: DocumentedPost = {
  source: 'api-reference/tasks/events-tasks/on-task-add.md',
  payload: {
    event: 'ONTASKADD',
    data: {
      FIELDS_BEFORE: 'undefined',
      FIELDS_AFTER: {
        ID: 123,
      },
      IS_ACCESSIBLE_BEFORE: 'N',
      IS_ACCESSIBLE_AFTER: 'undefined',
    },
    ts: '1466439714',
    auth: {
      access_token: 's6p6eclrvim6da22ft9ch94ekreb52lv',
      expires_in: '3600',
      scope: 'task',
      domain: 'some-domain.bitrix24.com',
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      status: 'F',
      client_endpoint: 'https://some-domain.bitrix24.com/rest/',
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
      refresh_token: '4s386p3q0tr8dy89xvmt96234v3dljg8',
      application_token: '51856fefc120afa4b628cc82d3935cce',
    },
  },
};

export const onTaskUpdate: DocumentedPost = {
  source: 'api-reference/tasks/events-tasks/on-task-update.md',
  payload: {
    event: 'ONTASKUPDATE',
    data: {
      FIELDS_BEFORE: {
        ID: 123,
      },
      FIELDS_AFTER: {
        ID: 123,
      },
      IS_ACCESSIBLE_BEFORE: 'undefined',
      IS_ACCESSIBLE_AFTER: 'undefined',
    },
    ts: '1466439714',
    auth: {
      access_token: 's6p6eclrvim6da22ft9ch94ekreb52lv',
      expires_in: '3600',
      scope: 'task',
      domain: 'some-domain.bitrix24.com',
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      status: 'F',
      client_endpoint: 'https://some-domain.bitrix24.com/rest/',
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
      refresh_token: '4s386p3q0tr8dy89xvmt96234v3dljg8',
      application_token: '51856fefc120afa4b628cc82d3935cce',
    },
  },
};

export const onTaskDelete: DocumentedPost = {
  source: 'api-reference/tasks/events-tasks/on-task-delete.md',
  payload: {
    event: 'ONTASKDELETE',
    data: {
      FIELDS_BEFORE: {
        ID: 123,
      },
      FIELDS_AFTER: 'undefined',
      IS_ACCESSIBLE_BEFORE: 'undefined',
      IS_ACCESSIBLE_AFTER: 'N',
    },
    ts: '1466439714',
    auth: {
      access_token: 's6p6eclrvim6da22ft9ch94ekreb52lv',
      expires_in: '3600',
      scope: 'task',
      domain: 'some-domain.bitrix24.com',
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      status: 'F',
      client_endpoint: 'https://some-domain.bitrix24.com/rest/',
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
      refresh_token: '4s386p3q0tr8dy89xvmt96234v3dljg8',
      application_token: '51856fefc120afa4b628cc82d3935cce',
    },
  },
};

export const onAppInstall: DocumentedPost = {
  source: 'api-reference/common/events/on-app-install.md',
  payload: {
    event: 'ONAPPINSTALL',
    data: {
      VERSION: '1.0.0',
      ACTIVE: 'Y',
      INSTALLED: 'Y',
      LANGUAGE_ID: 'de',
    },
    ts: '1696527000',
    auth: {
      domain: 'some-domain.bitrix24.com',
      scope: 'imbot',
      access_token: 's6p6eclrvim6da22ft9ch94ekreb52lv',
      refresh_token: '4s386p3q0tr8dy89xvmt96234v3dljg8',
      expires_in: 3600,
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      status: 'F',
      client_endpoint: 'https://some-domain.bitrix24.com/rest/',
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
      application_token: '51856fefc120afa4b628cc82d3935cce',
    },
  },
};

export const onAppUninstall: DocumentedPost = {
  source: 'api-reference/common/events/on-app-uninstall.md',
  payload: {
    event: 'ONAPPUNINSTALL',
    data: {
      LANGUAGE_ID: 'de',
      CLEAN: 1,
    },
    ts: '1466439714',
    auth: {
      domain: 'some-domain.bitrix24.com',
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      client_endpoint: 'https://some-domain.bitrix24.com/rest/',
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
      application_token: '51856fefc120afa4b628cc82d3935cce',
    },
  },
};
