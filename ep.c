#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdint.h>
int main(int c, char**v){ long ms=atol(v[1]); int ep=epoll_create1(0); int tf=timerfd_create(CLOCK_MONOTONIC,0);
struct itimerspec its={{0,ms*1000000L},{0,ms*1000000L}}; timerfd_settime(tf,0,&its,0);
struct epoll_event e={EPOLLIN,{0}}; epoll_ctl(ep,EPOLL_CTL_ADD,tf,&e);
for(;;){ struct epoll_event o[8]; int n=epoll_wait(ep,o,8,-1); uint64_t x; read(tf,&x,8);} }
