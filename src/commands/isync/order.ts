import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { sourceOrgFlag } from '../../shared/orgFlags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.order');

export type OrderResult = {
  sourceOrgId: string;
  sourceUsername: string;
};

export default class Order extends SfCommand<OrderResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'source-org': sourceOrgFlag({ required: true }),
  };

  public async run(): Promise<OrderResult> {
    const { flags } = await this.parse(Order);
    const org = flags['source-org'];
    const result: OrderResult = { sourceOrgId: org.getOrgId(), sourceUsername: org.getUsername() ?? '' };
    this.log(messages.getMessage('info.orgId', [result.sourceOrgId, result.sourceUsername]));
    return result;
  }
}
