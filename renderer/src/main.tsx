import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './i18n';
import './styles.css';
import { App } from './App';
import { NavProvider } from './nav';

// The CSP forbids eval: tell zod not to probe for it (the probe logs a CSP violation).
z.config({ jitless: true });

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <NavProvider>
        <App />
      </NavProvider>
    </QueryClientProvider>
  </StrictMode>,
);
