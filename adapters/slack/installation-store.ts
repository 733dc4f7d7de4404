import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { KeyValue } from '../../src/store.js';

/** The workspace an installation or query stands for: the enterprise for org-wide installs. */
function installationKey(query: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  if (query.teamId) return `team:${query.teamId}`;
  throw new Error('an installation needs a team or an enterprise id');
}

/** Slack installations (bot tokens per workspace) in the store's own namespace. */
export function keyvInstallationStore(kv: KeyValue): InstallationStore & { botTokenFor(teamId: string): Promise<string | undefined> } {
  return {
    async storeInstallation(installation) {
      const key = installationKey({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await kv.set(key, installation);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await kv.get<Installation<'v1' | 'v2', boolean>>(installationKey(query));
      if (!found) throw new Error(`no installation for ${installationKey(query)}`);
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await kv.delete(installationKey(query));
    },
    async botTokenFor(teamId: string) {
      const found = await kv.get<Installation<'v1' | 'v2', boolean>>(`team:${teamId}`) ?? await kv.get<Installation<'v1' | 'v2', boolean>>(`enterprise:${teamId}`);
      return found?.bot?.token;
    },
  };
}
