import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Client, MethodName } from '../../../core/api';
import { client } from './client';

/**
 * The client views read through: the local core, or a received bundle under read-only review
 * (views/bundles provides one that serves the same methods from the bundle). `scope` keeps their caches apart.
 */
export const ApiClientContext = createContext<{ client: Client; scope: string }>({ client, scope: 'local' });
export const useClient = () => useContext(ApiClientContext).client;
/**
 * True under review, or when the database failed deep verification as it opened: views hide their
 * write actions (the core refuses them anyway).
 */
export const useReadOnly = () => {
  const { client: c, scope } = useContext(ApiClientContext);
  const check = useQuery({ queryKey: ['audit.openCheck', {}], queryFn: () => c['audit.openCheck']({}), enabled: scope === 'local' });
  return scope !== 'local' || check.data?.readOnly === true;
};

type In<M extends MethodName> = Parameters<Client[M]>[0];
type Out<M extends MethodName> = Awaited<ReturnType<Client[M]>>;

/** A contract query, cached by method and input. Every mutation invalidates all queries (cheap locally). */
export function useApi<M extends MethodName>(method: M, input: In<M>, opts: Partial<UseQueryOptions<Out<M>>> = {}) {
  const { client: c, scope } = useContext(ApiClientContext);
  return useQuery<Out<M>>({
    queryKey: scope === 'local' ? [method, input] : [method, input, scope],
    queryFn: () => c[method](input) as Promise<Out<M>>,
    ...opts,
  });
}

export function useApiMutation<M extends MethodName>(method: M) {
  const qc = useQueryClient();
  const c = useClient();
  return useMutation<Out<M>, Error, In<M>>({
    mutationFn: (input) => c[method](input) as Promise<Out<M>>,
    onSuccess: () => qc.invalidateQueries(),
  });
}
