import { useMemo } from 'react';
import { BackendApi, backendApi } from '../api/backend-api';
import { useConsoleServices } from '../console/services';

/** The backend client bound to the host's URL prefix and credentials. */
export function useBackendApi(): BackendApi {
  const { backendBase, fetch } = useConsoleServices();
  return useMemo(() => backendApi({ backendBase, fetch }), [backendBase, fetch]);
}
