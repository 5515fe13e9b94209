import { createContext } from 'react';
import type { Engine } from '../../engine/engine';

/** The engine exports run on: the app provides the current one, so export buttons need no props threaded to them. */
export const ExportEngine = createContext<Engine | null>(null);
