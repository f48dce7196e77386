import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';

export const operations: PlazbotResource = {};

export const description: INodeProperties[] = [];
