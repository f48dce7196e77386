import type { INodeProperties } from 'n8n-workflow';

import * as agent from './agent/Agent.resource';
import * as automation from './automation/Automation.resource';
import * as contact from './contact/Contact.resource';
import * as message from './message/Message.resource';
import type { PlazbotResource } from './operation.types';
import * as opportunity from './opportunity/Opportunity.resource';
import * as task from './task/Task.resource';
import * as template from './template/Template.resource';
import * as user from './user/User.resource';
import * as workspace from './workspace/Workspace.resource';

/** Every resource of the node, by its value in workflow JSON, in the order the editor lists them. */
export const resources: Record<
	string,
	{ displayName: string; operations: PlazbotResource; description: INodeProperties[] }
> = {
	agent: { displayName: 'AI Agent', ...agent },
	automation: { displayName: 'Automation', ...automation },
	contact: { displayName: 'Contact', ...contact },
	message: { displayName: 'Message', ...message },
	opportunity: { displayName: 'Opportunity', ...opportunity },
	task: { displayName: 'Task', ...task },
	template: { displayName: 'Template', ...template },
	user: { displayName: 'User', ...user },
	workspace: { displayName: 'Workspace', ...workspace },
};
