import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Client, MethodName } from '../../../core/api';
import { client } from './client';

type In<M extends MethodName> = Parameters<Client[M]>[0];
type Out<M extends MethodName> = Awaited<ReturnType<Client[M]>>;

/** A contract query, cached by method and input. Every mutation invalidates all queries (cheap locally). */
export function useApi<M extends MethodName>(method: M, input: In<M>, opts: Partial<UseQueryOptions<Out<M>>> = {}) {
  return useQuery<Out<M>>({
    queryKey: [method, input],
    queryFn: () => client[method](input as never) as Promise<Out<M>>,
    ...opts,
  });
}

export function useApiMutation<M extends MethodName>(method: M) {
  const qc = useQueryClient();
  return useMutation<Out<M>, Error, In<M>>({
    mutationFn: (input) => client[method](input as never) as Promise<Out<M>>,
    onSuccess: () => qc.invalidateQueries(),
  });
}
