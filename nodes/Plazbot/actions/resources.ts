import type { INodeProperties } from 'n8n-workflow';

import * as agent from './agent/Agent.resource';
import * as automation from './automation/Automation.resource';
import * as contact from './contact/Contact.resource';
import * as message from './message/Message.resource';
import type { PlazbotResource } from './operation.types';
import * as opportunity from './opportunity/Opportunity.resource';
import * as task from './task/Task.resource';
import { retryOnFailNotice } from './retryOnFail';
import * as template from './template/Template.resource';
import * as user from './user/User.resource';
import * as workspace from './workspace/Workspace.resource';

interface Resource {
	displayName: string;
	operations: PlazbotResource;
	description: INodeProperties[];
}

/**
 * Every resource of the node, by its value in workflow JSON, in the order the editor lists them.
 */
const byValue: Record<string, Resource> = {
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

/**
 * Each resource's fields, with the Retry On Fail notice right under the Operation selector for
 * the operations that send or create.
 */
export const resources: Record<string, Resource> = Object.fromEntries(
	Object.entries(byValue).map(([value, resource]) => {
		const refusing = Object.entries(resource.operations)
			.filter(([, operation]) => operation.sendsOrCreates)
			.map(([name]) => name);
		if (!refusing.length) return [value, resource];
		const [selector, ...fields] = resource.description;
		return [
			value,
			{ ...resource, description: [selector, retryOnFailNotice(value, refusing), ...fields] },
		];
	}),
);
